package dev.switchboard.api.encryption;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.function.Consumer;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals one direction's frames with AES-256-GCM under counter IVs 1, 2, 3, …, never reusing one.
 * The sealer's own monitor guards the counter, the cipher and the retired flag: seals of one
 * session are serialised (sessions seal in parallel, each with its own sealer).
 */
final class FrameSealer extends DirectionCounter {

    static final int TAG_BITS = 128;
    static final int IV_LENGTH = 12;

    private final SecretKey key;
    private final Cipher cipher;

    FrameSealer(SecretKey key, long lastSealed) {
        super(lastSealed);
        this.key = key;
        this.cipher = newCipher();
    }

    /** Seals {@code plaintext} with the next counter and hands the frame to {@code whileLocked} before the next seal can start. */
    synchronized SealedFrame seal(String plaintext, Consumer<? super SealedFrame> whileLocked) {
        if (retired) {
            throw new EncryptionException("channel destroyed or handed off: cannot seal");
        }
        long counter = last + 1;
        if (counter == 0) {
            throw new EncryptionException("counter exhausted: the session must re-key");
        }
        byte[] iv = iv(counter);
        byte[] ct;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            ct = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new EncryptionException("sealing failed: " + e.getMessage(), e);
        }
        last = counter;
        SealedFrame frame = new SealedFrame(counter, Bytes.encode(iv), Bytes.encode(ct));
        if (whileLocked != null) {
            whileLocked.accept(frame);
        }
        return frame;
    }

    /** The IV of a counter: 4 zero bytes ‖ 8-byte big-endian counter. */
    static byte[] iv(long counter) {
        return ByteBuffer.allocate(IV_LENGTH).putInt(0).putLong(counter).array();
    }

    static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/GCM/NoPadding", e);
        }
    }
}
