package dev.switchboard.core.internal.connection;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.OverflowPolicy;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.testing.Eventually;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fan-out writes handed to a flusher thread: held once per socket, staged frames leave together, nothing is lost on close. */
class FlusherTest {

    private final ScriptedTransport transport = new ScriptedTransport();

    private OutboundQueue queue() {
        return new OutboundQueue(transport, 10_000, OverflowPolicy.CLOSE,
                new QueueEvents(() -> { }, () -> { }, failure -> { }), FrameBatcher.SINGLE);
    }

    private Link link(String subprotocol) {
        Handshake handshake = new Handshake("/ws", Map.of(), Map.of(), Map.of(), null, subprotocol);
        return new Link(transport, handshake, MembersTest.owner(), 10_000, OverflowPolicy.CLOSE);
    }

    @Test
    void aQueueIsClaimedOnceWhileFramesWaitAndNothingIsInFlight() {
        OutboundQueue queue = queue();
        assertFalse(queue.claimFlush(), "nothing waits");
        queue.offer(OutboundFrame.of("a"), false);
        assertTrue(queue.claimFlush());
        queue.offer(OutboundFrame.of("b"), false);
        assertFalse(queue.claimFlush(), "already scheduled");
        queue.flush();
        assertEquals(List.of("a"), transport.sent());
        queue.offer(OutboundFrame.of("c"), false);
        assertFalse(queue.claimFlush(), "a send in flight takes what waits when it completes");
        transport.complete();
        transport.complete();
        assertEquals(List.of("a", "b", "c"), transport.sent());
    }

    @Test
    void framesStagedForABusySocketLeaveAsOneBatchFromTheFlusherThread() throws Exception {
        try (Flusher flusher = new Flusher("flusher-under-test")) {
            Link link = link(FrameBatcher.BATCH_SUBPROTOCOL);
            Flusher.Batch batch = new Flusher.Batch(4);
            for (String text : List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}")) {
                link.offer(OutboundFrame.of(text), false);
                batch.add(link);
            }
            assertEquals(1, batch.size(), "a socket joins a batch once");
            flusher.submit(batch);
            Eventually.until("the flusher wrote", () -> transport.sent().size() == 1);
            assertEquals(List.of("{\"n\":1}\n{\"n\":2}\n{\"n\":3}"), transport.sent(), "one coalesced frame, in order");
            assertEquals(List.of("flusher-under-test"), transport.senderThreads());
        }
    }

    @Test
    void whileTheBacklogIsFullTheSubmittingThreadWritesTheOldestWaitingBatches() throws Exception {
        try (Flusher flusher = new Flusher("busy-flusher")) {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Link gate = new Link(new BlockingTransport(release), new Handshake("/ws", Map.of(), Map.of(), Map.of(), null, null),
                    MembersTest.owner(), 10_000, OverflowPolicy.CLOSE);
            gate.offer(OutboundFrame.of("gate"), false);
            Flusher.Batch first = new Flusher.Batch(4);
            first.add(gate);
            flusher.submit(first);
            Eventually.until("the flusher thread waits inside the gate's send", () -> release.getCount() == 1 && flusherIsInsideTheGate());

            Flusher.Batch older = batchOf(Flusher.BACKLOG - 1, "older");
            flusher.submit(older);
            assertEquals(List.of(), transport.sent(), "below the backlog the batch waits for the flusher");
            Flusher.Batch newer = batchOf(1, "newer");
            flusher.submit(newer);
            assertEquals(Flusher.BACKLOG - 1, transport.sent().size(), "at the backlog the caller wrote the oldest batch");
            assertTrue(transport.sent().stream().allMatch(text -> text.startsWith("older")));
            assertTrue(transport.senderThreads().stream().allMatch(Thread.currentThread().getName()::equals));

            release.countDown();
            Eventually.until("the flusher wrote the batch left to it", () -> transport.sent().contains("newer0"));
        }
    }

    private Flusher.Batch batchOf(int sockets, String name) {
        Flusher.Batch batch = new Flusher.Batch(4);
        for (int i = 0; i < sockets; i++) {
            Link link = link(null);
            link.offer(OutboundFrame.of(name + i), false);
            batch.add(link);
        }
        return batch;
    }

    private static boolean flusherIsInsideTheGate() {
        return Thread.getAllStackTraces().entrySet().stream()
                .anyMatch(entry -> entry.getKey().getName().equals("busy-flusher")
                        && entry.getKey().getState() == Thread.State.WAITING
                        && java.util.Arrays.stream(entry.getValue()).anyMatch(frame -> frame.getMethodName().equals("sendText")));
    }

    /** A transport whose first send blocks until released: holds the flusher thread inside a send. */
    private record BlockingTransport(java.util.concurrent.CountDownLatch release) implements Transport {
        @Override
        public void sendText(String text, Completion completion) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            completion.done(null);
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    @Test
    void afterCloseTheSubmittingThreadWrites() {
        Flusher flusher = new Flusher("closed-flusher");
        flusher.close();
        Link link = link(null);
        link.offer(OutboundFrame.of("late"), false);
        Flusher.Batch batch = new Flusher.Batch(4);
        batch.add(link);
        flusher.submit(batch);
        assertEquals(List.of("late"), transport.sent());
    }

    @Test
    void closeAfterFlushWritesStagedFramesBeforeTheClose() {
        transport.inline(true);
        OutboundQueue queue = queue();
        queue.offer(OutboundFrame.of("a"), false);
        queue.offer(OutboundFrame.of("b"), false);
        queue.closeAfterFlush(CloseCodes.NORMAL, "bye");
        assertEquals(List.of("send a", "done", "send b", "done", "close 1000 bye"), transport.log());
        assertEquals(OutboundQueue.Offer.CLOSED, queue.offer(OutboundFrame.of("c")));
    }
}
