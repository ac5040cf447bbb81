package dev.switchboard.client;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Client-to-server frames written while the client is reconnecting, in order, already encoded,
 * each with the future its sender waits on; sent on the new socket once the session is resumed or
 * re-established. Bounded: past {@code max} frames a new one fails at once with
 * {@link SwitchboardClient#QUEUE_FULL}. A {@code cancel} for a request still queued removes both
 * (the server never hears of it). Thread-safe; the queue is guarded by this object's monitor.
 */
final class Backlog {

    /** One queued frame: its event and request id (may be null), the text, and its sender's future. */
    record Entry(String event, String id, String text, CompletableFuture<Void> sent) {
    }

    private final Deque<Entry> queue = new ArrayDeque<>();
    private final int max;
    private final Executor executor;

    Backlog(int max, Executor executor) {
        this.max = max;
        this.executor = executor;
    }

    /** Queues a frame at the end. @return its future: written, or failed (QUEUE_FULL, DISCONNECTED) */
    CompletableFuture<Void> offer(String event, String id, String text) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Entry cancelled = null;
        synchronized (this) {
            if ("cancel".equals(event) && id != null) {
                cancelled = removeRequest(id);
            }
            if (cancelled == null) {
                if (queue.size() >= max) {
                    sent.completeExceptionally(new RpcException(SwitchboardClient.QUEUE_FULL,
                            "Reconnecting, and " + max + " frames are already queued"));
                    return sent;
                }
                queue.addLast(new Entry(event, id, text, sent));
                return sent;
            }
        }
        Entry request = cancelled;
        Dispatch.run(executor, () -> request.sent().completeExceptionally(
                new RpcException(ErrorCodes.REQUEST_CANCELLED, "Cancelled before it was sent")));
        sent.complete(null);
        return sent;
    }

    /** Queues a frame ahead of all others (the rooms to join again after re-authenticating). */
    synchronized CompletableFuture<Void> offerFirst(String event, String id, String text) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        queue.addFirst(new Entry(event, id, text, sent));
        return sent;
    }

    private Entry removeRequest(String id) {
        for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if ("request".equals(entry.event()) && id.equals(entry.id())) {
                it.remove();
                return entry;
            }
        }
        return null;
    }

    /** Ids of the queued frames of these events (not yet on any socket). */
    synchronized Set<String> queuedIds(Set<String> events) {
        return queue.stream().filter(entry -> entry.id() != null && events.contains(entry.event()))
                .map(Entry::id).collect(Collectors.toSet());
    }

    /** Hands every queued frame, in order, to {@code writer}; each future follows its write. */
    void drain(Function<String, CompletableFuture<Void>> writer) {
        List<Entry> all;
        synchronized (this) {
            all = List.copyOf(queue);
            queue.clear();
        }
        for (Entry entry : all) {
            writer.apply(entry.text()).whenComplete((ignored, failure) -> Dispatch.run(executor, () -> {
                if (failure == null) {
                    entry.sent().complete(null);
                } else {
                    entry.sent().completeExceptionally(failure);
                }
            }));
        }
    }

    /** Drops the queued frames that match, failing their futures. */
    void discard(Predicate<Entry> which, RpcException failure) {
        List<Entry> dropped;
        synchronized (this) {
            dropped = queue.stream().filter(which).toList();
            queue.removeAll(dropped);
        }
        dropped.forEach(entry -> Dispatch.run(executor, () -> entry.sent().completeExceptionally(failure)));
    }

    void failAll(RpcException failure) {
        discard(entry -> true, failure);
    }

    synchronized int size() {
        return queue.size();
    }
}
