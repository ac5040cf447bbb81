package dev.switchboard.api;

/**
 * Opens the {@code encrypted} frames of an encrypted client: returns the envelope they carry,
 * which the hub then handles as if it had arrived plain. Called one frame at a time per client, in
 * arrival order, on the thread that delivered the frame. An exception refuses the frame: it is
 * not processed, the client gets {@code error DECRYPTION_FAILED} (plain) and close 4010.
 */
@FunctionalInterface
public interface InboundTransformer {

    /** The envelope JSON text inside an {@code encrypted} frame whose {@code data} is {@code dataJson}. */
    String open(Client client, String dataJson);
}
