package dev.switchboard.client;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reconnecting client's backlog on its own: order, the bound, cancels of queued requests, draining, failing. */
class BacklogTest {

    /** Runs completions at once and counts them, so the test sees they go through the client's executor. */
    private final AtomicInteger handed = new AtomicInteger();
    private final Executor executor = task -> {
        handed.incrementAndGet();
        task.run();
    };

    /** Writes that succeed and are recorded. */
    private final List<String> written = new ArrayList<>();
    /** The backlog most tests fill: room for ten frames. */
    private final Backlog backlog = new Backlog(10, executor);

    private CompletableFuture<Void> write(String text) {
        written.add(text);
        return CompletableFuture.completedFuture(null);
    }

    private static String code(CompletableFuture<?> future) {
        assertTrue(future.isCompletedExceptionally(), "failed");
        Throwable cause = future.handle((value, failure) -> failure).join();
        return assertInstanceOf(RpcException.class, cause).code();
    }

    @Test
    void framesAreWrittenInOrderAndEachFutureFollowsItsWrite() {
        CompletableFuture<Void> a = backlog.offer("request", "1", "A");
        CompletableFuture<Void> b = backlog.offer("event", null, "B");
        CompletableFuture<Void> rejoin = backlog.offerFirst("join", "j", "JOIN");
        assertEquals(3, backlog.size());
        assertTrue(!a.isDone() && !b.isDone() && !rejoin.isDone(), "nothing is written while reconnecting");

        backlog.drain(this::write);
        assertEquals(List.of("JOIN", "A", "B"), written, "offerFirst goes ahead of everything queued");
        assertNull(a.join());
        assertNull(b.join());
        assertNull(rejoin.join());
        assertEquals(3, handed.get(), "each completion goes through the executor");
        assertEquals(0, backlog.size());

        backlog.drain(this::write);
        assertEquals(3, written.size(), "a drained backlog is empty");
    }

    @Test
    void pastTheBoundANewFrameFailsAtOnceWithQueueFull() {
        Backlog small = new Backlog(2, executor);
        small.offer("event", null, "1");
        small.offer("event", null, "2");
        CompletableFuture<Void> third = small.offer("request", "3", "3");
        assertEquals(SwitchboardClient.QUEUE_FULL, code(third));
        assertEquals(2, small.size());
        small.drain(this::write);
        assertEquals(List.of("1", "2"), written);
    }

    @Test
    void aCancelForAQueuedRequestRemovesBothEvenWhenTheBacklogIsFull() {
        Backlog small = new Backlog(2, executor);
        CompletableFuture<Void> request = small.offer("request", "r1", "REQ r1");
        small.offer("event", null, "E");
        CompletableFuture<Void> cancel = small.offer("cancel", "r1", "CANCEL r1");
        assertNull(cancel.join(), "the cancel is done: the server never hears of the request");
        assertEquals(ErrorCodes.REQUEST_CANCELLED, code(request));
        assertEquals(1, small.size());

        CompletableFuture<Void> otherCancel = small.offer("cancel", "r9", "CANCEL r9");
        assertTrue(!otherCancel.isDone(), "a cancel for a request already sent is queued like any frame");
        small.drain(this::write);
        assertEquals(List.of("E", "CANCEL r9"), written);
    }

    @Test
    void queuedIdsNameOnlyTheRequestedEvents() {
        backlog.offer("request", "r1", "x");
        backlog.offer("response", "s1", "y");
        backlog.offer("event", null, "z");
        assertEquals(Set.of("r1"), backlog.queuedIds(Set.of("request")));
        assertEquals(Set.of("r1", "s1"), backlog.queuedIds(Set.of("request", "response", "event")));
    }

    @Test
    void aFailedWriteFailsOnlyItsOwnFuture() {
        CompletableFuture<Void> a = backlog.offer("event", null, "A");
        CompletableFuture<Void> b = backlog.offer("event", null, "B");
        CompletableFuture<Void> c = backlog.offer("event", null, "C");
        IOException broken = new IOException("socket lost");
        backlog.drain(text -> text.equals("B") ? CompletableFuture.failedFuture(broken) : write(text));
        assertEquals(List.of("A", "C"), written);
        assertNull(a.join());
        assertNull(c.join());
        assertEquals(broken, b.handle((value, failure) -> failure).join());
    }

    @Test
    void discardFailsTheMatchingFramesAndFailAllTheRest() {
        CompletableFuture<Void> request = backlog.offer("request", "r1", "R");
        CompletableFuture<Void> event = backlog.offer("event", null, "E");
        CompletableFuture<Void> join = backlog.offer("join", "j1", "J");
        backlog.discard(entry -> entry.event().equals("join"), new RpcException("NOT_RECOVERED", "rooms were lost"));
        assertEquals("NOT_RECOVERED", code(join));
        assertEquals(2, backlog.size());

        backlog.failAll(new RpcException(ErrorCodes.DISCONNECTED, "closed"));
        assertEquals(ErrorCodes.DISCONNECTED, code(request));
        assertEquals(ErrorCodes.DISCONNECTED, code(event));
        assertEquals(0, backlog.size());
        backlog.drain(this::write);
        assertEquals(List.of(), written);
    }
}
