package dev.switchboard.api.encryption;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * The client's side of the key exchange: an ephemeral P-256 key pair whose public point goes into
 * {@code authenticate.data.encryption.publicKey}, then {@link #accept} on the server's answer.
 * Single use: the private key is dropped once accepted. The instance's monitor guards it.
 */
public final class KeyOffer {

    private final String publicKey;
    private PrivateKey privateKey;

    private KeyOffer(KeyPair pair) {
        this.publicKey = KeyExchange.encodePublicKey((ECPublicKey) pair.getPublic());
        this.privateKey = pair.getPrivate();
    }

    /** An offer with a fresh ephemeral key pair (one per authenticate; a resume reuses the session's channel). */
    public static KeyOffer create() {
        return new KeyOffer(KeyExchange.generateKeyPair());
    }

    /** An offer with a given P-256 key pair (known-answer tests). */
    public static KeyOffer of(KeyPair pair) {
        return new KeyOffer(pair);
    }

    /** Standard base64 of the 65-byte uncompressed public point. */
    public String publicKey() {
        return publicKey;
    }

    /**
     * Completes the exchange with {@code connected.data.encryption}: validates the server's point
     * and salt, derives the keys and returns the client's channel.
     *
     * @throws EncryptionException if the point or the salt (32 bytes, canonical base64) is invalid,
     *                             or the offer was already used
     */
    public synchronized SecureChannel accept(String serverPublicKey, String salt) {
        if (privateKey == null) {
            throw new EncryptionException("key offer already used");
        }
        ECPublicKey server = KeyExchange.decodePublicKey(serverPublicKey);
        byte[] saltBytes = Bytes.decodeCanonical(salt);
        if (saltBytes == null || saltBytes.length != SessionKeys.SALT_LENGTH) {
            throw new EncryptionException("salt must be canonical base64 of 32 bytes");
        }
        byte[] z = KeyExchange.sharedSecret(privateKey, server);
        try {
            privateKey = null;
            return SecureChannel.create(Role.CLIENT, SessionKeys.derive(z, saltBytes));
        } finally {
            Arrays.fill(z, (byte) 0);
        }
    }
}
