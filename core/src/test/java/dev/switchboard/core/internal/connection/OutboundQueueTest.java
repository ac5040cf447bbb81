package dev.switchboard.core.internal.connection;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.OverflowPolicy;
import dev.switchboard.core.internal.codec.OutboundFrame;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbound queue against an in-memory transport: one send in flight, order, both overflow policies, closes. */
class OutboundQueueTest {

    private final ScriptedTransport transport = new ScriptedTransport();
    private final AtomicInteger drained = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private OutboundQueue queue(long maxBytes, OverflowPolicy policy) {
        return new OutboundQueue(transport, maxBytes, policy,
                new QueueEvents(drained::incrementAndGet, closed::incrementAndGet, failures::add), FrameBatcher.SINGLE);
    }

    /** A frame of {@code bytes} ASCII characters, starting with its name. */
    private static OutboundFrame frame(String name, int bytes) {
        return OutboundFrame.of(name + "_".repeat(bytes - name.length()));
    }

    private static List<String> names(List<String> sent) {
        return sent.stream().map(text -> text.replace("_", "")).toList();
    }

    /** A CLOSE-policy queue with room to spare that was offered a (now written, in flight) then b (queued). */
    private OutboundQueue aInFlightBQueued() {
        OutboundQueue queue = queue(1_000, OverflowPolicy.CLOSE);
        queue.offer(frame("a", 5));
        queue.offer(frame("b", 5));
        return queue;
    }

    @Test
    void synchronousCompletionsSendEverythingInOrderWithoutRecursing() {
        transport.inline(true);
        OutboundQueue queue = queue(1_000, OverflowPolicy.CLOSE);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(OutboundFrame.of("m" + i)));
            expected.add("m" + i);
        }
        assertEquals(expected, transport.sent());
        assertEquals(1, transport.maxInFlight());
        assertEquals(1, transport.maxDepth(), "a completion inside sendText hands the loop back, no recursion");
        assertEquals(0, queue.queuedBytes());
    }

    @Test
    void asynchronousCompletionsSendTheNextFrameFromTheCompletingThread() throws Exception {
        OutboundQueue queue = queue(1_000, OverflowPolicy.CLOSE);
        for (String name : List.of("a", "b", "c")) {
            assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(frame(name, 10)));
        }
        assertEquals(List.of("a"), names(transport.sent()), "one send in flight");
        assertEquals(30, queue.queuedBytes(), "bytes count until their send completes");

        Thread completer = new Thread(transport::complete, "completer");
        completer.start();
        completer.join();
        assertEquals(List.of("a", "b"), names(transport.sent()));
        assertEquals("completer", transport.senderThreads().get(1), "the completion continues the loop on its thread");
        assertEquals(20, queue.queuedBytes());

        assertTrue(transport.complete());
        assertTrue(transport.complete());
        assertFalse(transport.complete(), "nothing left in flight");
        assertEquals(List.of("a", "b", "c"), names(transport.sent()));
        assertEquals(1, transport.maxInFlight());
        assertEquals(0, queue.queuedBytes());
    }

    @Test
    void mixedCompletionsKeepOrderAndOneSendInFlight() throws Exception {
        OutboundQueue queue = queue(100_000, OverflowPolicy.CLOSE);
        List<String> expected = IntStream.range(0, 200).mapToObj(i -> "m" + i).toList();
        Thread producer = new Thread(() -> expected.forEach(name -> queue.offer(OutboundFrame.of(name))));
        producer.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int round = 0; transport.completed() < expected.size(); round++) {
            assertTrue(System.nanoTime() < deadline, "stuck after " + transport.completed() + " sends");
            transport.inline(round % 3 == 0);
            if (!transport.complete()) {
                Thread.onSpinWait();
            }
        }
        producer.join();
        assertEquals(expected, transport.sent());
        assertEquals(1, transport.maxInFlight());
    }

    @Test
    void aFlushStartsWhatWasQueuedWithoutWriting() {
        transport.inline(true);
        OutboundQueue queue = queue(1_000, OverflowPolicy.CLOSE);
        queue.offer(frame("a", 5), false);
        queue.offer(frame("b", 5), false);
        assertEquals(List.of(), transport.sent());
        queue.flush();
        assertEquals(List.of("a", "b"), names(transport.sent()));
    }

    @Test
    void withDropTheFrameThatDoesNotFitIsDroppedAndCountedAndLaterOnesStillGo() {
        OutboundQueue queue = queue(25, OverflowPolicy.DROP);
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(frame("a", 10)));
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(frame("b", 10)));
        assertEquals(OutboundQueue.Offer.DROPPED, queue.offer(frame("c", 10)), "a in flight still counts");
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(frame("d", 5)), "a smaller frame still fits");
        assertEquals(1, queue.droppedCount());
        assertTrue(queue.isBackpressured());

        while (transport.complete()) {
            Thread.onSpinWait();
        }
        assertEquals(List.of("a", "b", "d"), names(transport.sent()));
        assertEquals(1, drained.get(), "told once the backlog drained");
        assertFalse(queue.isBackpressured());
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(frame("e", 10)));
        assertEquals(List.of(), transport.closes());
        assertEquals(0, closed.get());
    }

    @Test
    void withCloseAnOverflowDropsTheQueueAndCloses1013AfterTheFrameInFlight() {
        OutboundQueue queue = queue(25, OverflowPolicy.CLOSE);
        queue.offer(frame("a", 10));
        queue.offer(frame("b", 10));
        assertEquals(OutboundQueue.Offer.OVERFLOWED, queue.offer(frame("c", 10)));
        assertEquals(OutboundQueue.Offer.CLOSED, queue.offer(frame("d", 1)), "later offers are refused");
        assertEquals(0, queue.queuedBytes(), "the queued frames are dropped");
        assertEquals(List.of(), transport.closes(), "a write in flight is not cut short");

        queue.closeAfterFlush(CloseCodes.NORMAL, "owner's cleanup");
        assertEquals(List.of(), transport.closes(), "still waiting for the frame in flight");
        assertTrue(transport.complete());
        assertEquals(List.of("send a" + "_".repeat(9), "done", "close 1013 " + OutboundQueue.SLOW_CONSUMER),
                transport.log(), "b is dropped; the overflow's code wins");
        assertEquals(1, closed.get());
        assertEquals(0, drained.get());
    }

    @Test
    void withCloseAnOverflowWithNothingInFlightClosesOnTheOwnersRequest() {
        OutboundQueue queue = queue(25, OverflowPolicy.CLOSE);
        queue.offer(frame("a", 10), false);
        queue.offer(frame("b", 10), false);
        assertEquals(OutboundQueue.Offer.OVERFLOWED, queue.offer(frame("c", 10), false));
        assertEquals(List.of(), transport.log());
        queue.closeAfterFlush(CloseCodes.NORMAL, "owner's cleanup");
        assertEquals(List.of("close 1013 " + OutboundQueue.SLOW_CONSUMER), transport.log(), "nothing queued is sent");
        assertEquals(1, closed.get());
    }

    @Test
    void closeAfterFlushWritesWhatIsQueuedFirstAndRefusesLaterFrames() {
        OutboundQueue queue = aInFlightBQueued();
        queue.closeAfterFlush(CloseCodes.GOING_AWAY, "bye");
        assertEquals(OutboundQueue.Offer.CLOSED, queue.offer(frame("c", 5)));
        assertEquals(List.of(), transport.closes());
        assertTrue(transport.complete());
        assertTrue(transport.complete());
        assertEquals(List.of("a", "b"), names(transport.sent()));
        assertEquals(List.of("close 1001 bye"), transport.closes());
        assertEquals(1, closed.get());

        queue.closeAfterFlush(CloseCodes.NORMAL, "again");
        assertEquals(List.of("close 1001 bye"), transport.closes(), "the socket is closed once");
        assertEquals(2, closed.get(), "a repeated close is reported done, so no deadline stays armed");
    }

    @Test
    void closeAfterFlushWithNothingQueuedClosesAtOnce() {
        OutboundQueue queue = queue(1_000, OverflowPolicy.CLOSE);
        queue.closeAfterFlush(CloseCodes.NORMAL, "done");
        assertEquals(List.of("close 1000 done"), transport.log());
        assertEquals(1, closed.get());
    }

    @Test
    void closeNowDiscardsTheQueueAndClosesWithoutWaitingForTheFrameInFlight() {
        OutboundQueue queue = aInFlightBQueued();
        queue.closeNow(CloseCodes.INTERNAL_ERROR, "now");
        assertEquals(List.of("close 1011 now"), transport.closes());
        assertEquals(0, queue.queuedBytes());
        assertTrue(transport.complete());
        assertEquals(List.of("a"), names(transport.sent()), "b is never written");
        queue.closeNow(CloseCodes.NORMAL, "again");
        assertEquals(1, transport.closes().size(), "closed once");
        assertEquals(1, closed.get());
        assertEquals(OutboundQueue.Offer.CLOSED, queue.offer(frame("c", 5)));
    }

    @Test
    void discardForgetsTheQueueWithoutClosingTheSocket() {
        OutboundQueue queue = aInFlightBQueued();
        queue.discard();
        assertTrue(transport.complete());
        assertEquals(List.of("a"), names(transport.sent()));
        assertEquals(List.of(), transport.closes());
        assertEquals(0, closed.get());
        assertEquals(OutboundQueue.Offer.CLOSED, queue.offer(frame("c", 5)));
    }

    @Test
    void aFailedSendOrARefusedOneEndsTheQueueAndTellsTheOwnerOnce() {
        OutboundQueue queue = aInFlightBQueued();
        IOException broken = new IOException("broken pipe");
        assertTrue(transport.fail(broken));
        assertEquals(List.of(broken), failures);
        assertEquals(List.of("a"), names(transport.sent()));
        assertEquals(OutboundQueue.Offer.CLOSED, queue.offer(frame("c", 5)));

        ScriptedTransport refusing = new ScriptedTransport();
        List<Throwable> refusals = new CopyOnWriteArrayList<>();
        OutboundQueue other = new OutboundQueue(refusing, 1_000, OverflowPolicy.CLOSE,
                new QueueEvents(() -> { }, () -> { }, refusals::add), FrameBatcher.SINGLE);
        IllegalStateException refused = new IllegalStateException("session closed");
        refusing.refuseNextSend(refused);
        other.offer(frame("x", 5));
        assertEquals(List.of(refused), refusals);
        assertEquals(OutboundQueue.Offer.CLOSED, other.offer(frame("y", 5)));
        assertEquals(0, refusing.inFlight());
    }
}
