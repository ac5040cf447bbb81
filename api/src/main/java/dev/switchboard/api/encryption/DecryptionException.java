package dev.switchboard.api.encryption;

/**
 * An inbound {@code encrypted} frame was refused and must not be processed. The peer gets
 * {@code DECRYPTION_FAILED}; {@link #reason()} tells the log why. Nothing about the refused frame
 * changes the opener's state: the last accepted counter stays where it was.
 */
public final class DecryptionException extends EncryptionException {

    /** Why a frame was refused. */
    public enum Reason {
        /** {@code iv} or {@code ct} is not canonical base64, the IV is not 4 zero bytes and a counter, or {@code ct} is shorter than the tag. */
        MALFORMED,
        /** The counter is not greater than the last accepted one: a replayed or reordered frame. */
        REPLAYED,
        /** The GCM tag did not verify (tampered IV, ciphertext or tag, or the wrong key), or the plaintext is not UTF-8. */
        FORGED
    }

    private final Reason reason;

    public DecryptionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DecryptionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the frame was refused. */
    public Reason reason() {
        return reason;
    }
}
