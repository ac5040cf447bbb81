package dev.switchboard.api.encryption;

/**
 * The key exchange or sealing failed: a peer public key that is not a valid P-256 point, bad
 * base64, a wrong salt length, a destroyed channel, or a counter that ran out. Inbound frames that
 * fail are reported with the subclass {@link DecryptionException}.
 */
public class EncryptionException extends RuntimeException {

    public EncryptionException(String message) {
        super(message);
    }

    public EncryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
