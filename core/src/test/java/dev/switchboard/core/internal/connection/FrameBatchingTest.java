package dev.switchboard.core.internal.connection;

import dev.switchboard.api.OverflowPolicy;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.session.ReplayBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coalescing step of the outbound writer against an in-memory transport: what queues behind a
 * send in flight goes out as one frame, in order, within the byte bound, with each envelope's own
 * {@code seq}; a plain socket still gets one frame per send.
 */
class FrameBatchingTest {

    private final ScriptedTransport transport = new ScriptedTransport();
    private final AtomicInteger drained = new AtomicInteger();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private OutboundQueue queue(FrameBatcher batcher, long maxQueuedBytes) {
        return new OutboundQueue(transport, maxQueuedBytes, OverflowPolicy.CLOSE,
                new QueueEvents(drained::incrementAndGet, () -> { }, failures::add), batcher);
    }

    private static OutboundFrame frame(String event) {
        return OutboundFrame.of("{\"event\":\"" + event + "\"}");
    }

    /** The envelopes of every frame sent, in order. */
    private List<String> envelopes() {
        List<String> all = new ArrayList<>();
        transport.sent().forEach(text -> all.addAll(Arrays.asList(text.split("\n"))));
        return all;
    }

    private void completeAll() {
        while (transport.complete()) {
            // each completion writes the next batch
        }
    }

    @Test
    void framesQueuedBehindASendInFlightGoOutAsOneFrameInOrder() {
        OutboundQueue queue = queue(new Coalescer(1 << 16), 1 << 20);
        for (String event : List.of("a", "b", "c", "d")) {
            queue.offer(frame(event));
        }
        assertEquals(List.of("{\"event\":\"a\"}"), transport.sent(), "the first frame goes alone: nothing was queued behind it");
        completeAll();
        assertEquals(List.of("{\"event\":\"a\"}", "{\"event\":\"b\"}\n{\"event\":\"c\"}\n{\"event\":\"d\"}"), transport.sent());
        assertEquals(0, queue.queuedBytes(), "a batch releases exactly the bytes its frames were queued with");
        assertEquals(List.of(), failures);
    }

    @Test
    void aBatchStaysWithinTheByteBoundAndABiggerFrameGoesAlone() {
        OutboundFrame small = OutboundFrame.of("{\"event\":\"s\"}"); // 13 bytes
        OutboundFrame big = OutboundFrame.of("{\"event\":\"big\",\"data\":\"" + "x".repeat(40) + "\"}");
        OutboundQueue queue = queue(new Coalescer(27), 1 << 20); // 13 + 1 + 13 = 27: two small ones fit, not three
        queue.offer(frame("first"));
        for (OutboundFrame next : List.of(small, small, small, big, small, small)) {
            queue.offer(next);
        }
        completeAll();
        List<String> sent = transport.sent();
        assertEquals(List.of("{\"event\":\"first\"}", small.text() + "\n" + small.text(), small.text(), big.text(),
                small.text() + "\n" + small.text()), sent);
        for (String text : sent) {
            assertTrue(OutboundFrame.utf8Length(text) <= 27 || !text.contains("\n"), "only a lone frame may pass the bound: " + text);
        }
        assertEquals(0, queue.queuedBytes());
    }

    @Test
    void eachEnvelopeOfABatchKeepsItsOwnSeq() {
        ReplayBuffer buffer = new ReplayBuffer(100, 1 << 20);
        OutboundQueue queue = queue(FrameBatcher.forSubprotocol(FrameBatcher.BATCH_SUBPROTOCOL), 1 << 20);
        OutboundFrame shared = frame("tick");
        for (int i = 0; i < 5; i++) {
            queue.offer(ReplayBuffer.numbered(shared, buffer.append(shared)));
        }
        completeAll();
        assertEquals(2, transport.sent().size(), "one alone, then the four queued behind it");
        assertEquals(List.of(1, 2, 3, 4, 5).stream().map(seq -> "{\"seq\":" + seq + ",\"event\":\"tick\"}").toList(), envelopes());
        assertEquals(0, queue.queuedBytes());
    }

    @Test
    void aReplayStagedBeforeTheFlushGoesOutBatchedAfterTheFrameAnnouncingIt() {
        ReplayBuffer buffer = new ReplayBuffer(100, 1 << 20);
        for (int i = 0; i < 6; i++) {
            buffer.append(frame("m" + i));
        }
        OutboundQueue queue = queue(FrameBatcher.forSubprotocol(FrameBatcher.BATCH_SUBPROTOCOL), 1 << 20);
        queue.offer(frame("resumed"), false, false);
        buffer.after(2).forEach(replayed -> queue.offer(replayed, false, false));
        queue.flush();
        completeAll();
        assertEquals(List.of("{\"event\":\"resumed\"}\n{\"seq\":3,\"event\":\"m2\"}\n{\"seq\":4,\"event\":\"m3\"}\n"
                + "{\"seq\":5,\"event\":\"m4\"}\n{\"seq\":6,\"event\":\"m5\"}"), transport.sent(),
                "what was staged while nothing was in flight leaves as one frame, in order");
    }

    @Test
    void aPlainSocketGetsOneFramePerSend() {
        assertSame(FrameBatcher.SINGLE, FrameBatcher.forSubprotocol("switchboard.v1"));
        assertSame(FrameBatcher.SINGLE, FrameBatcher.forSubprotocol(""));
        OutboundQueue queue = queue(FrameBatcher.forSubprotocol("switchboard.v1"), 1 << 20);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queue.offer(frame("p" + i));
            expected.add("{\"event\":\"p" + i + "\"}");
        }
        completeAll();
        assertEquals(expected, transport.sent());
    }

    @Test
    void theQueueBoundStillCountsEveryQueuedFrame() {
        OutboundFrame tenBytes = OutboundFrame.of("{\"e\":\"xx\"}");
        OutboundQueue queue = queue(new Coalescer(1 << 16), 40);
        for (int i = 0; i < 4; i++) {
            assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(tenBytes));
        }
        assertEquals(40, queue.queuedBytes());
        assertTrue(queue.isBackpressured());
        assertEquals(OutboundQueue.Offer.OVERFLOWED, queue.offer(tenBytes), "the byte bound applies to queued frames, batched or not");
        completeAll();
        assertEquals(0, queue.queuedBytes());
    }

    @Test
    void numberedFramesMatchTheSplicedTextByteForByte() {
        OutboundFrame shared = OutboundFrame.of("{\"event\":\"é\",\"data\":\"\uD83D\uDE00\"}");
        OutboundFrame numbered = ReplayBuffer.numbered(shared, 12345);
        String expected = "{\"seq\":12345,\"event\":\"é\",\"data\":\"\uD83D\uDE00\"}";
        assertEquals(expected, numbered.text());
        assertEquals(expected.length(), numbered.length());
        assertEquals(OutboundFrame.utf8Length(expected), numbered.bytes());
        StringBuilder appended = new StringBuilder();
        numbered.appendTo(appended);
        assertEquals(expected, appended.toString());
        assertEquals("{\"seq\":7,\"event\":\"é\",\"data\":\"\uD83D\uDE00\"}", numbered.numbered(7).text(), "renumbering starts from the shared text");
    }
}
