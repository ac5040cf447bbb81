package dev.switchboard.standalone;

import jakarta.websocket.Extension;
import org.glassfish.tyrus.core.extension.ExtendedExtension;
import org.glassfish.tyrus.core.frame.Frame;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * RFC 7692 {@code permessage-deflate} for Tyrus, negotiated with {@code server_no_context_takeover}
 * and {@code client_no_context_takeover}: every message is compressed on its own, so an idle
 * connection holds no zlib state (a message fragmented by the peer keeps an inflater only until its
 * last fragment). Text and binary messages of at least {@value #MIN_BYTES} bytes are compressed;
 * smaller ones go as they are (RSV1 clear). An inbound message that inflates past {@code maxBytes}
 * is handed on as {@code maxBytes + 1} spaces, so the endpoint's size limit closes it with 1009
 * instead of the server inflating a compression bomb. Works for either role (the bench's loader
 * uses it as a client).
 *
 * <p>Threads: deflaters and inflaters for whole messages are per thread (Tyrus calls an extension
 * on the socket's I/O thread); the inflater of a fragmented message lives in the connection's
 * extension context, used by one reader at a time.
 */
public final class PerMessageDeflate implements ExtendedExtension {

    static final String NAME = "permessage-deflate";
    static final int MIN_BYTES = 64;
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    private static final String INFLATING = PerMessageDeflate.class.getName() + ".inflating";
    private static final byte TEXT = 0x1;
    private static final byte BINARY = 0x2;
    private static final byte CONTINUATION = 0x0;

    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(Deflater.DEFAULT_COMPRESSION, true));
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));

    private final int maxBytes;

    /** @param maxBytes the largest inflated message accepted (the hub's {@code maxMessageBytes}) */
    public PerMessageDeflate(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public List<Extension.Parameter> getParameters() {
        return List.of(parameter("server_no_context_takeover"), parameter("client_no_context_takeover"));
    }

    @Override
    public List<Extension.Parameter> onExtensionNegotiation(ExtensionContext context, List<Extension.Parameter> requested) {
        return getParameters();
    }

    @Override
    public void onHandshakeResponse(ExtensionContext context, List<Extension.Parameter> responded) {
    }

    @Override
    public Frame processOutgoing(ExtensionContext context, Frame frame) {
        byte opcode = frame.getOpcode();
        if ((opcode != TEXT && opcode != BINARY) || !frame.isFin() || frame.getPayloadLength() < MIN_BYTES) {
            return frame;
        }
        byte[] compressed = deflate(frame.getPayloadData());
        return Frame.builder(frame).rsv1(true).payloadData(compressed).payloadLength(compressed.length).build();
    }

    @Override
    public Frame processIncoming(ExtensionContext context, Frame frame) {
        byte opcode = frame.getOpcode();
        Inflating inflating = (Inflating) context.getProperties().get(INFLATING);
        boolean starts = (opcode == TEXT || opcode == BINARY) && frame.isRsv1();
        if (!starts && !(opcode == CONTINUATION && inflating != null)) {
            return frame;
        }
        if (starts && frame.isFin()) {
            Inflater inflater = INFLATERS.get();
            inflater.reset();
            return inflated(frame, inflate(inflater, frame.getPayloadData(), true, 0));
        }
        if (starts) {
            inflating = new Inflating(new Inflater(true));
            context.getProperties().put(INFLATING, inflating);
        }
        byte[] data = inflate(inflating.inflater, frame.getPayloadData(), frame.isFin(), inflating.total);
        inflating.total += data.length;
        if (frame.isFin()) {
            inflating.inflater.end();
            context.getProperties().remove(INFLATING);
        }
        return inflated(frame, data);
    }

    @Override
    public void destroy(ExtensionContext context) {
        Inflating inflating = (Inflating) context.getProperties().remove(INFLATING);
        if (inflating != null) {
            inflating.inflater.end();
        }
    }

    private static Frame inflated(Frame frame, byte[] data) {
        return Frame.builder(frame).rsv1(false).payloadData(data).payloadLength(data.length).build();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
        byte[] chunk = new byte[Math.min(Math.max(data.length, 64), 16 * 1024)];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length);
        byte[] compressed = out.toByteArray();
        // a sync flush ends with 00 00 ff ff, which the receiver adds back (RFC 7692, 7.2.1)
        return endsWithTail(compressed) ? Arrays.copyOf(compressed, compressed.length - TAIL.length) : compressed;
    }

    /** Inflates one frame's payload; past the bound it gives {@code maxBytes + 1} spaces instead. */
    private byte[] inflate(Inflater inflater, byte[] data, boolean last, long before) {
        inflater.setInput(last ? concat(data, TAIL) : data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length * 3));
        byte[] chunk = new byte[8 * 1024];
        try {
            while (true) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                    break;
                }
                out.write(chunk, 0, n);
                if (before + out.size() > maxBytes) {
                    byte[] spaces = new byte[maxBytes + 1];
                    Arrays.fill(spaces, (byte) ' ');
                    return spaces;
                }
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("Invalid permessage-deflate data: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static boolean endsWithTail(byte[] data) {
        int n = data.length;
        return n >= 4 && data[n - 4] == 0 && data[n - 3] == 0 && data[n - 2] == (byte) 0xff && data[n - 1] == (byte) 0xff;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static Extension.Parameter parameter(String name) {
        return new Extension.Parameter() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public String getValue() {
                return null;
            }
        };
    }

    /** A fragmented compressed message being read. */
    private static final class Inflating {
        final Inflater inflater;
        long total;

        Inflating(Inflater inflater) {
            this.inflater = inflater;
        }
    }
}
