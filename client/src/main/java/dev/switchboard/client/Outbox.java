package dev.switchboard.client;

import java.net.http.WebSocket;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The outbound frames of one socket. The JDK WebSocket allows one {@code sendText} in flight, so
 * frames wait in a queue and the next one is sent from the previous send's completion; callers
 * never block. Thread-safe; the queue, the sending flag and the closed flag belong to this outbox.
 */
final class Outbox {

    private record Frame(String text, CompletableFuture<Void> sent) {
    }

    private final WebSocket socket;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile Throwable closed;

    Outbox(WebSocket socket) {
        this.socket = socket;
    }

    /** Queues a text frame; the future completes when the socket has written it. */
    CompletableFuture<Void> send(String text) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Throwable reason = closed;
        if (reason != null) {
            sent.completeExceptionally(reason);
            return sent;
        }
        queue.add(new Frame(text, sent));
        pump();
        return sent;
    }

    /** Fails every queued frame and all later ones with {@code reason}. */
    void close(Throwable reason) {
        closed = reason;
        pump();
    }

    private void pump() {
        while (sending.compareAndSet(false, true)) {
            Frame frame = queue.poll();
            if (frame == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            Throwable reason = closed;
            if (reason != null) {
                frame.sent().completeExceptionally(reason);
                sending.set(false);
                continue;
            }
            CompletableFuture<WebSocket> write = write(frame.text());
            if (write.isDone()) {
                finish(frame, write);
                sending.set(false);
                continue;
            }
            write.whenComplete((ignored, failure) -> {
                finish(frame, write);
                sending.set(false);
                pump();
            });
            return;
        }
    }

    private CompletableFuture<WebSocket> write(String text) {
        try {
            return socket.sendText(text, true);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void finish(Frame frame, CompletableFuture<WebSocket> write) {
        write.whenComplete((ignored, failure) -> {
            if (failure == null) {
                frame.sent().complete(null);
            } else {
                frame.sent().completeExceptionally(failure);
            }
        });
    }
}
