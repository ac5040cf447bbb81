package dev.switchboard.core.internal.connection;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.OverflowPolicy;
import dev.switchboard.core.internal.codec.OutboundFrame;

import java.util.concurrent.Future;

/**
 * One socket: its transport, its outbound queue and the handshake that opened it, serving one
 * {@link Connection}. The adapter holds the link; the hub resolves it to its connection, so a
 * connection can later move to a newer link and events of the old socket are recognised as stale.
 *
 * <p>Concurrency: the queue has its own lock; the connection and close-timer references are
 * volatile and written by the hub only.
 */
public final class Link {

    private final Handshake handshake;
    private final OutboundQueue queue;
    private volatile Connection connection;
    private volatile Future<?> closeTimer;

    public Link(Transport transport, Handshake handshake, ConnectionOwner owner, long maxQueuedBytes,
                OverflowPolicy overflowPolicy) {
        this.handshake = handshake;
        this.queue = new OutboundQueue(transport, maxQueuedBytes, overflowPolicy,
                () -> owner.drained(this), () -> cancel(closeTimer), failure -> owner.sendFailed(this, failure));
    }

    public Handshake handshake() {
        return handshake;
    }

    /** The connection this socket serves. */
    public Connection connection() {
        return connection;
    }

    void connection(Connection connection) {
        this.connection = connection;
    }

    /** True while this is the socket its connection writes to. */
    public boolean isCurrent() {
        Connection current = connection;
        return current != null && current.link() == this;
    }

    OutboundQueue.Offer offer(OutboundFrame frame, boolean write) {
        return queue.offer(frame, write);
    }

    /** Queues a replayed frame without writing it yet, outside the byte bound (the replay buffer bounds it). */
    OutboundQueue.Offer stageReplay(OutboundFrame frame) {
        return queue.offer(frame, false, false);
    }

    void flush() {
        queue.flush();
    }

    /** The timer that closes the socket if a polite close has not finished in time. */
    public void closeTimer(Future<?> timer) {
        this.closeTimer = timer;
    }

    /** Closes the socket after what is queued has been written. */
    public void flushAndClose(int code, String reason) {
        queue.closeAfterFlush(code, reason);
    }

    /** Closes the socket now, discarding what is queued. */
    public void closeNow(int code, String reason) {
        queue.closeNow(code, reason);
    }

    /** The container reported the socket closed: forget what is queued. */
    public void transportClosed() {
        queue.discard();
        cancel(closeTimer);
    }

    boolean isBackpressured() {
        return queue.isBackpressured();
    }

    long queuedBytes() {
        return queue.queuedBytes();
    }

    long droppedCount() {
        return queue.droppedCount();
    }

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
