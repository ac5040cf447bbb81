package dev.switchboard.api.encryption;

import dev.switchboard.api.encryption.DecryptionException.Reason;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Opens one direction's frames, accepting a counter only if it is greater (unsigned) than the
 * last one accepted: replayed and reordered frames are refused, and a refused frame never moves
 * the counter. The opener's own monitor guards the counter, the cipher and the retired flag.
 */
final class FrameOpener extends DirectionCounter {

    private final SecretKey key;
    private final Cipher cipher;

    FrameOpener(SecretKey key, long lastOpened) {
        super(lastOpened);
        this.key = key;
        this.cipher = FrameSealer.newCipher();
    }

    /** The plaintext envelope of an {@code encrypted} frame's {@code iv} and {@code ct}. */
    synchronized String open(String ivBase64, String ctBase64) {
        if (retired) {
            throw new EncryptionException("channel destroyed or handed off: cannot open");
        }
        byte[] iv = Bytes.decodeCanonical(ivBase64);
        if (iv == null || iv.length != FrameSealer.IV_LENGTH) {
            throw new DecryptionException(Reason.MALFORMED, "iv must be canonical base64 of 12 bytes");
        }
        ByteBuffer ivBuffer = ByteBuffer.wrap(iv);
        if (ivBuffer.getInt() != 0) {
            throw new DecryptionException(Reason.MALFORMED, "iv must start with 4 zero bytes");
        }
        long counter = ivBuffer.getLong();
        byte[] ct = Bytes.decodeCanonical(ctBase64);
        if (ct == null || ct.length < FrameSealer.TAG_BITS / 8) {
            throw new DecryptionException(Reason.MALFORMED, "ct must be canonical base64 of at least the 16-byte tag");
        }
        if (Long.compareUnsigned(counter, last) <= 0) {
            throw new DecryptionException(Reason.REPLAYED, "counter " + Long.toUnsignedString(counter)
                    + " is not greater than the last accepted " + Long.toUnsignedString(last));
        }
        byte[] plain;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(FrameSealer.TAG_BITS, iv));
            plain = cipher.doFinal(ct);
        } catch (AEADBadTagException e) {
            throw new DecryptionException(Reason.FORGED, "authentication tag mismatch", e);
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new DecryptionException(Reason.FORGED, "decryption failed: " + e.getMessage(), e);
        }
        String text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plain));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw new DecryptionException(Reason.FORGED, "plaintext is not UTF-8", e);
        }
        last = counter;
        return text;
    }
}
