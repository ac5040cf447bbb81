package dev.switchboard.core.internal.codec;

/**
 * An encoded text frame and its UTF-8 size, computed once per fan-out and shared by every recipient.
 * A session's copy with {@code "seq":N} spliced in ({@link #numbered}) is built only when its text is
 * needed: a coalescing writer appends it straight into its batch, so that copy is never made.
 *
 * <p>Immutable; the text after the brace and the UTF-8 bytes are cached racily (every thread
 * computes the same value).
 */
public class OutboundFrame {

    private final String text;
    private final int bytes;
    private final boolean plain;
    private String afterBrace;
    private byte[] utf8;

    /**
     * @param text  the JSON text
     * @param bytes its length in UTF-8
     */
    public OutboundFrame(String text, int bytes) {
        this(text, bytes, false);
    }

    /** @param plain sent as is even to an encrypted client ({@code connected}, {@code DECRYPTION_FAILED}) */
    public OutboundFrame(String text, int bytes, boolean plain) {
        this.text = text;
        this.bytes = bytes;
        this.plain = plain;
    }

    public static OutboundFrame of(String text) {
        return new OutboundFrame(text, utf8Length(text));
    }

    /** Whether it is sent as is, never sealed. */
    public boolean plain() {
        return plain;
    }

    /** This frame, never sealed (the protocol frames that precede or end encryption). */
    public OutboundFrame asPlain() {
        return new OutboundFrame(text(), bytes, true);
    }

    /** The JSON text. */
    public String text() {
        return text;
    }

    /** Its length in UTF-8. */
    public int bytes() {
        return bytes;
    }

    /** Its length in chars. */
    public int length() {
        return text.length();
    }

    /** The exact UTF-8 size of {@link #text()} (a batch's {@link #bytes()} leaves its separators out). */
    public int utf8Size() {
        return utf8().length;
    }

    /**
     * Writes the UTF-8 of {@link #text()} into {@code out} at {@code at} ({@link #utf8Size()} bytes),
     * without building a numbered copy's text: its shared tail is encoded once per fan-out.
     */
    public void writeUtf8(byte[] out, int at) {
        byte[] bytes = utf8();
        System.arraycopy(bytes, 0, out, at, bytes.length);
    }

    /** The text in UTF-8, encoded on first use and kept (racily: every thread encodes the same bytes). */
    private byte[] utf8() {
        byte[] bytes = utf8;
        if (bytes == null) {
            bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            utf8 = bytes;
        }
        return bytes;
    }

    /** Appends the text to {@code out} (without building it first when it is a numbered copy). */
    public void appendTo(StringBuilder out) {
        out.append(text);
    }

    /** This frame with {@code "seq":N} spliced in after its opening brace; no JSON work, no copy yet. */
    public OutboundFrame numbered(long seq) {
        return new Numbered(this, seq);
    }

    /** Frames are equal when their texts (and so their sizes) are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof OutboundFrame frame && frame.bytes() == bytes() && frame.text().equals(text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
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

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    /** Decimal digits of a non-negative number, by comparison (a division per digit costs more than the splice). */
    public static int digits(long value) {
        for (int digits = 1; digits < POWERS_OF_TEN.length; digits++) {
            if (value < POWERS_OF_TEN[digits]) {
                return digits;
            }
        }
        return 19;
    }

    /** The text after its opening brace, computed on first use and shared by every numbered copy. */
    private String afterBrace() {
        String rest = afterBrace;
        if (rest == null) {
            rest = text.substring(1);
            afterBrace = rest;
        }
        return rest;
    }

    /** {@code {"seq":N,} + the shared frame's text after its brace, built when asked for. */
    private static final class Numbered extends OutboundFrame {
        private static final String PREFIX = "{\"seq\":";
        private final OutboundFrame shared;
        private final long seq;

        Numbered(OutboundFrame shared, long seq) {
            super(null, shared.bytes() + PREFIX.length() + digits(seq));
            this.shared = shared;
            this.seq = seq;
        }

        @Override
        public String text() {
            return PREFIX + seq + "," + shared.afterBrace();
        }

        @Override
        public int length() {
            return shared.length() + PREFIX.length() + digits(seq);
        }

        @Override
        public void appendTo(StringBuilder out) {
            // the shared tail, copied in bulk (append(CharSequence, start, end) copies char by char)
            out.append(PREFIX).append(seq).append(',').append(shared.afterBrace());
        }

        @Override
        public int utf8Size() {
            return PREFIX.length() + digits(seq) + shared.utf8Size(); // the comma takes the brace's place
        }

        @Override
        public void writeUtf8(byte[] out, int at) {
            int next = at;
            for (int i = 0; i < PREFIX.length(); i++) {
                out[next++] = (byte) PREFIX.charAt(i);
            }
            int digits = digits(seq);
            long rest = seq;
            for (int i = next + digits - 1; i >= next; i--) {
                out[i] = (byte) ('0' + rest % 10);
                rest /= 10;
            }
            next += digits;
            out[next++] = ',';
            byte[] tail = shared.utf8();
            System.arraycopy(tail, 1, out, next, tail.length - 1);
        }

        @Override
        public OutboundFrame numbered(long seq) {
            return shared.numbered(seq);
        }
    }
}
