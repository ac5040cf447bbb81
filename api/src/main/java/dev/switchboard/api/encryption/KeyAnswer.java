package dev.switchboard.api.encryption;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * The server's side of the key exchange, done once per {@code authenticate} that offers a key:
 * {@code publicKey} and {@code salt} go into {@code connected.data.encryption}, {@code channel}
 * stays in the session. Immutable (the channel is thread-safe).
 *
 * @param publicKey standard base64 of the server's ephemeral 65-byte point
 * @param salt      standard base64 of the 32-byte random HKDF salt
 * @param channel   the server's channel for this session
 */
public record KeyAnswer(String publicKey, String salt, SecureChannel channel) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Validates the client's offered key and answers it with a fresh server key pair and salt.
     *
     * @throws EncryptionException if {@code clientPublicKey} is not a valid P-256 point in canonical
     *                             base64 (the hub then answers {@code ENCRYPTION_REQUIRED} in required mode)
     */
    public static KeyAnswer answer(String clientPublicKey) {
        byte[] salt = new byte[SessionKeys.SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return answer(clientPublicKey, KeyExchange.generateKeyPair(), salt);
    }

    /** As {@link #answer(String)} with a given server key pair and salt (known-answer tests). */
    public static KeyAnswer answer(String clientPublicKey, KeyPair serverPair, byte[] salt) {
        ECPublicKey client = KeyExchange.decodePublicKey(clientPublicKey);
        byte[] z = KeyExchange.sharedSecret(serverPair.getPrivate(), client);
        try {
            SecureChannel channel = SecureChannel.create(Role.SERVER, SessionKeys.derive(z, salt));
            return new KeyAnswer(KeyExchange.encodePublicKey((ECPublicKey) serverPair.getPublic()),
                    Bytes.encode(salt), channel);
        } finally {
            Arrays.fill(z, (byte) 0);
        }
    }
}
