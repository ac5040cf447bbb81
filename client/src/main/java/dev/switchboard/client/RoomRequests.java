package dev.switchboard.client;

import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * {@code join}/{@code leave} requests waiting for {@code joined}/{@code left}. A reply echoes its
 * request's id and completes that request; a reply without an id (a server from before ids were
 * echoed) completes the oldest request, since the server answers a connection's frames in order. A
 * request refused with an {@code error} (which echoes the id too) leaves the line.
 * Thread-safe; the line is guarded by this object's monitor, under which frames are also queued so
 * that the line and the wire have the same order.
 */
final class RoomRequests {

    private static final System.Logger LOG = System.getLogger(RoomRequests.class.getName());

    private record Waiting(String id, String event, CompletableFuture<Rooms> future) {
    }

    private final Deque<Waiting> line = new ArrayDeque<>();
    private final Executor executor;
    private final ScheduledExecutorService timers;
    private final Function<Envelope, CompletableFuture<Void>> sender;

    RoomRequests(Executor executor, ScheduledExecutorService timers, Function<Envelope, CompletableFuture<Void>> sender) {
        this.executor = executor;
        this.timers = timers;
        this.sender = sender;
    }

    /** Sends {@code join} or {@code leave} for {@code rooms}; completes with the server's reply. */
    CompletableFuture<Rooms> send(String id, String event, List<String> rooms, Duration timeout) {
        CompletableFuture<Rooms> future = new CompletableFuture<>();
        Waiting waiting = new Waiting(id, event, future);
        CompletableFuture<Void> sent;
        synchronized (this) {
            line.addLast(waiting);
            sent = sender.apply(new Envelope(event, Map.of("rooms", rooms), id, null, null, null));
        }
        sent.whenComplete((ignored, failure) -> {
            if (failure != null) {
                fail(id, Calls.asRpc(failure));
            }
        });
        if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
            // A late reply must still find its place in the line, so a timeout only fails the future.
            Dispatch.later(timers, () -> Dispatch.run(executor, () -> future.completeExceptionally(new RpcException(
                    ErrorCodes.REQUEST_TIMEOUT, "No '" + event + "' answer within " + timeout.toMillis() + " ms"))),
                    timeout.toMillis());
        }
        return future;
    }

    /**
     * Sends {@code join} for rooms to join again through {@code first}, which queues it ahead of
     * every other frame; so its place in the line is first as well. No client-side timeout.
     */
    CompletableFuture<Rooms> rejoin(String id, List<String> rooms, Function<Envelope, CompletableFuture<Void>> first) {
        CompletableFuture<Rooms> future = new CompletableFuture<>();
        Waiting waiting = new Waiting(id, "join", future);
        CompletableFuture<Void> sent;
        synchronized (this) {
            line.addFirst(waiting);
            sent = first.apply(new Envelope("join", Map.of("rooms", rooms), id, null, null, null));
        }
        sent.whenComplete((ignored, failure) -> {
            if (failure != null) {
                fail(id, new RpcException(ErrorCodes.DISCONNECTED, "Not connected"));
            }
        });
        return future;
    }

    /** A {@code joined} or {@code left} reply: completes the request with its id, or the oldest one if it has none. */
    void onReply(String replyEvent, String id, Rooms rooms) {
        Waiting head;
        synchronized (this) {
            head = id == null ? line.pollFirst() : take(id);
        }
        if (head == null) {
            LOG.log(System.Logger.Level.DEBUG, "''{0}'' (id {1}) matches no join/leave request", replyEvent, id);
            return;
        }
        if (!replyEvent.equals(head.event().equals("join") ? "joined" : "left")) {
            LOG.log(System.Logger.Level.WARNING, "''{0}'' arrived for a ''{1}'' request", replyEvent, head.event());
        }
        Dispatch.run(executor, () -> head.future().complete(rooms));
    }

    /** Removes and returns the waiting request with this id, or null; callers hold this monitor. */
    private Waiting take(String id) {
        for (Iterator<Waiting> it = line.iterator(); it.hasNext(); ) {
            Waiting waiting = it.next();
            if (waiting.id().equals(id)) {
                it.remove();
                return waiting;
            }
        }
        return null;
    }

    /** Fails the waiting request with this id (the server refused it with an {@code error}). */
    boolean fail(String id, RpcException failure) {
        Waiting found;
        synchronized (this) {
            found = take(id);
        }
        if (found == null) {
            return false;
        }
        CompletableFuture<Rooms> future = found.future();
        Dispatch.run(executor, () -> future.completeExceptionally(failure));
        return true;
    }

    void failAll(RpcException failure) {
        failAllExcept(Set.of(), failure);
    }

    /** Fails every waiting request but those whose ids are given (their frames are still queued, not lost). */
    void failAllExcept(Set<String> keep, RpcException failure) {
        List<Waiting> all;
        synchronized (this) {
            all = line.stream().filter(waiting -> !keep.contains(waiting.id())).toList();
            line.removeAll(all);
        }
        all.forEach(waiting -> Dispatch.run(executor, () -> waiting.future().completeExceptionally(failure)));
    }
}
