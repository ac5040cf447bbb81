package dev.switchboard.api.encryption;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.SecretKey;

/**
 * The two AES-256-GCM keys of one session, one per {@link Direction}:
 * HKDF-SHA256(IKM = Z, salt, info = {@link Direction#info()}, L = 32). Immutable until
 * {@link #destroy()}, which zeroes both keys (copies the JCA provider made while initialising a
 * cipher are left to the garbage collector). At most one {@link SecureChannel} owns them at a time
 * (an atomic flag), so two channels never seal with the same key and counter.
 */
public final class SessionKeys {

    /** Length of the salt the server sends in {@code connected.data.encryption.salt}. */
    public static final int SALT_LENGTH = 32;
    /** Length of each derived key. */
    public static final int KEY_LENGTH = 32;

    private final AesKey serverToClient;
    private final AesKey clientToServer;
    private final AtomicBoolean owned = new AtomicBoolean();

    private SessionKeys(byte[] serverToClient, byte[] clientToServer) {
        this.serverToClient = new AesKey(serverToClient);
        this.clientToServer = new AesKey(clientToServer);
    }

    /**
     * Derives both keys from the ECDH secret and the server's salt.
     *
     * @throws EncryptionException if Z is not 32 bytes or the salt not 32 bytes
     */
    public static SessionKeys derive(byte[] z, byte[] salt) {
        if (z == null || z.length != KeyExchange.SECRET_LENGTH) {
            throw new EncryptionException("shared secret must be 32 bytes");
        }
        if (salt == null || salt.length != SALT_LENGTH) {
            throw new EncryptionException("salt must be 32 bytes, got " + (salt == null ? "none" : salt.length));
        }
        byte[] s2c = Hkdf.derive(salt, z, Direction.SERVER_TO_CLIENT.infoBytes(), KEY_LENGTH);
        byte[] c2s = Hkdf.derive(salt, z, Direction.CLIENT_TO_SERVER.infoBytes(), KEY_LENGTH);
        try {
            return new SessionKeys(s2c, c2s);
        } finally {
            Arrays.fill(s2c, (byte) 0);
            Arrays.fill(c2s, (byte) 0);
        }
    }

    /** Keys given directly (32 bytes each, copied), e.g. from known-answer vectors. */
    public static SessionKeys of(byte[] serverToClient, byte[] clientToServer) {
        return new SessionKeys(serverToClient, clientToServer);
    }

    /** A copy of one direction's key bytes (for known-answer tests; do not log it). */
    public byte[] key(Direction direction) {
        return secretKey(direction).getEncoded();
    }

    SecretKey secretKey(Direction direction) {
        return direction == Direction.SERVER_TO_CLIENT ? serverToClient : clientToServer;
    }

    /** Claims the keys for one channel; false if a channel already owns them. */
    boolean claim() {
        return owned.compareAndSet(false, true);
    }

    /** Gives the keys up for a hand-off to the next channel. */
    void release() {
        owned.set(false);
    }

    /** Zeroes both keys; every later use throws. Idempotent. */
    public void destroy() {
        serverToClient.destroy();
        clientToServer.destroy();
    }

    public boolean isDestroyed() {
        return serverToClient.isDestroyed();
    }

    @Override
    public String toString() {
        return isDestroyed() ? "SessionKeys[destroyed]" : "SessionKeys[2 x AES-256]";
    }
}
