package dev.switchboard.api;

/**
 * Turns each frame for an encrypted client into the frame sent on the wire, e.g. the built-in
 * scheme's {@code {"event":"encrypted","data":{"iv","ct"}}}. Called by the client's single writer
 * as it takes the frame for the socket, one frame at a time per client and in wire order, on the
 * thread that writes (the sender's for an idle socket, else the previous send's completion); keep
 * it quick and non-blocking. Not called for {@code connected} and other frames the protocol keeps
 * plain. An exception fails the socket like a failed send; the frame is never sent plain.
 */
@FunctionalInterface
public interface OutboundTransformer {

    /** The wire text for {@code envelopeJson}, the exact JSON text that would otherwise be sent. */
    String seal(Client client, String envelopeJson);
}
