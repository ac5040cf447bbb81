package dev.switchboard.standalone;

import org.glassfish.tyrus.core.extension.ExtendedExtension;
import org.glassfish.tyrus.core.frame.Frame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deflate extension's frame transforms: compress with RSV1, round trip, small frames untouched, the inflate bound. */
class PerMessageDeflateTest {

    private final PerMessageDeflate deflate = new PerMessageDeflate(10_000);
    private final Map<String, Object> properties = new HashMap<>();
    private final ExtendedExtension.ExtensionContext context = () -> properties;

    private static Frame text(String text, boolean fin) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return Frame.builder().opcode((byte) 1).fin(fin).payloadData(data).payloadLength(data.length).build();
    }

    @Test
    void aLargeMessageIsCompressedWithRsv1AndInflatesBack() {
        String json = "{\"event\":\"m\",\"data\":\"" + "hello ".repeat(1000) + "\"}";
        Frame sent = deflate.processOutgoing(context, text(json, true));
        assertTrue(sent.isRsv1());
        assertTrue(sent.getPayloadLength() < json.length() / 10, "compressed to " + sent.getPayloadLength() + " bytes");
        Frame received = deflate.processIncoming(context, sent);
        assertFalse(received.isRsv1());
        assertEquals(json, new String(received.getPayloadData(), StandardCharsets.UTF_8));
    }

    @Test
    void aSmallMessageGoesUncompressedAndPassesThrough() {
        Frame small = text("{\"event\":\"heartbeat\"}", true);
        assertSame(small, deflate.processOutgoing(context, small));
        assertSame(small, deflate.processIncoming(context, small));
    }

    @Test
    void aMessageInflatingPastTheBoundBecomesOneByteTooManySpaces() {
        Frame bomb = new PerMessageDeflate(1 << 22).processOutgoing(context, text("a".repeat(1_000_000), true));
        assertTrue(bomb.getPayloadLength() < 5_000);
        byte[] inflated = deflate.processIncoming(context, bomb).getPayloadData();
        assertEquals(10_001, inflated.length);
        assertEquals(' ', inflated[0]);
    }

    @Test
    void aFragmentedCompressedMessageInflatesAcrossItsFrames() {
        String json = "{\"event\":\"m\",\"data\":\"" + "fragment ".repeat(500) + "\"}";
        byte[] compressed = deflate.processOutgoing(context, text(json, true)).getPayloadData();
        int half = compressed.length / 2;
        Frame first = Frame.builder().opcode((byte) 1).fin(false).rsv1(true)
                .payloadData(java.util.Arrays.copyOf(compressed, half)).payloadLength(half).build();
        byte[] rest = java.util.Arrays.copyOfRange(compressed, half, compressed.length);
        Frame second = Frame.builder().opcode((byte) 0).fin(true).payloadData(rest).payloadLength(rest.length).build();
        byte[] a = deflate.processIncoming(context, first).getPayloadData();
        byte[] b = deflate.processIncoming(context, second).getPayloadData();
        byte[] whole = new byte[a.length + b.length];
        System.arraycopy(a, 0, whole, 0, a.length);
        System.arraycopy(b, 0, whole, a.length, b.length);
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), whole);
        assertTrue(properties.isEmpty(), "no inflater kept once the message ended");
    }
}
