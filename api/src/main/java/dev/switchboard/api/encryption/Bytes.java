package dev.switchboard.api.encryption;

import java.math.BigInteger;
import java.util.Base64;

/** Strict base64 and fixed-width integer encodings shared by the scheme's classes. Stateless. */
final class Bytes {

    private Bytes() {
    }

    /**
     * Decodes standard base64 with padding, accepting only the canonical encoding (the one
     * {@link Base64#getEncoder()} produces); {@code null} for anything else.
     */
    static byte[] decodeCanonical(String base64) {
        if (base64 == null) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return Base64.getEncoder().encodeToString(decoded).equals(base64) ? decoded : null;
    }

    static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** {@code value} as exactly {@code width} unsigned big-endian bytes; it must fit. */
    static byte[] unsigned(BigInteger value, int width) {
        if (value.signum() < 0 || value.bitLength() > width * 8) {
            throw new IllegalArgumentException("value does not fit in " + width + " bytes");
        }
        byte[] raw = value.toByteArray();
        int length = Math.min(raw.length, width);
        byte[] out = new byte[width];
        System.arraycopy(raw, raw.length - length, out, width - length, length);
        return out;
    }
}
