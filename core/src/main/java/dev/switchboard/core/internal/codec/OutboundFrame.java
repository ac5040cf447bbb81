package dev.switchboard.core.internal.codec;

/**
 * An encoded text frame and its UTF-8 size, computed once per fan-out and shared by every recipient.
 *
 * @param text  the JSON text
 * @param bytes its length in UTF-8
 * @param plain sent as is even to an encrypted client ({@code connected}, {@code DECRYPTION_FAILED})
 */
public record OutboundFrame(String text, int bytes, boolean plain) {

    public OutboundFrame(String text, int bytes) {
        this(text, bytes, false);
    }

    public static OutboundFrame of(String text) {
        return new OutboundFrame(text, utf8Length(text));
    }

    /** This frame, never sealed (the protocol frames that precede or end encryption). */
    public OutboundFrame asPlain() {
        return new OutboundFrame(text, bytes, true);
    }

    /** UTF-8 length of a string without encoding it. */
    public static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
