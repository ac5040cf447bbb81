package dev.switchboard.api.encryption;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A 32-byte AES key that can be wiped, unlike {@code SecretKeySpec} on Java 17. It refuses Java
 * serialization, so the key cannot leave the process that way. The array is written only by
 * {@link #destroy()}; callers that may race with it hold the lock of the sealer or opener using it.
 */
final class AesKey implements SecretKey {

    private final byte[] key;
    private volatile boolean destroyed;

    AesKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes, not " + key.length);
        }
        this.key = key.clone();
    }

    @Override
    public String getAlgorithm() {
        return "AES";
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("key destroyed");
        }
        return key.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return destroyed ? "AesKey[destroyed]" : "AesKey[256 bits]";
    }

    private void writeObject(ObjectOutputStream out) throws NotSerializableException {
        throw new NotSerializableException("session keys never leave memory");
    }
}
