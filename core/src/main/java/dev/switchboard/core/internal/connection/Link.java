package dev.switchboard.core.internal.connection;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.OverflowPolicy;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.limits.Allowance;

import java.util.concurrent.Future;

/**
 * One socket: its transport, its outbound queue, the handshake that opened it, and the
 * {@link LinkHandler} its events go to, serving one {@link Connection}. The adapter holds the
 * link as the socket's handler; a connection can later move to a newer link, and events of the
 * old socket are then recognised as stale ({@link #isCurrent()}). A socket that negotiated
 * {@value FrameBatcher#BATCH_SUBPROTOCOL} gets its queued frames coalesced.
 *
 * <p>Concurrency: the queue has its own lock; the connection, handler and close-timer references
 * are volatile and written by the hub only.
 */
public final class Link implements SocketHandler, OutboundQueue.Events {

    private final Handshake handshake;
    private final OutboundQueue queue;
    private final FrameWriter writer;
    private final ConnectionOwner owner;
    private volatile Connection connection;
    private volatile Future<?> closeTimer;
    private volatile LinkHandler handler = LinkHandler.NONE;
    private volatile Allowance allowance;

    public Link(Transport transport, Handshake handshake, ConnectionOwner owner, long maxQueuedBytes,
                OverflowPolicy overflowPolicy) {
        this(transport, handshake, owner, maxQueuedBytes, overflowPolicy, FrameWriter.PLAIN);
    }

    /** A link whose writer sends each frame as {@code writer} says (sealed for an encrypted connection). */
    public Link(Transport transport, Handshake handshake, ConnectionOwner owner, long maxQueuedBytes,
                OverflowPolicy overflowPolicy, FrameWriter writer) {
        this.handshake = handshake;
        this.writer = writer;
        this.owner = owner;
        this.queue = new OutboundQueue(transport, maxQueuedBytes, overflowPolicy, this,
                FrameBatcher.forSubprotocol(handshake.subprotocol()));
    }

    @Override
    public void drained() {
        owner.drained(this);
    }

    @Override
    public void closed() {
        cancel(closeTimer);
        writer.closed(this);
    }

    @Override
    public void failed(Throwable failure) {
        owner.sendFailed(this, failure);
    }

    @Override
    public OutboundFrame wire(OutboundFrame frame) {
        return writer.wire(this, frame);
    }

    /** Installs the handler this socket's events go to from now on. */
    public void handler(LinkHandler handler) {
        this.handler = handler;
    }

    @Override
    public void onText(String text) {
        handler.onText(this, text);
    }

    @Override
    public void onBinary() {
        handler.onBinary(this);
    }

    @Override
    public void onClose(int code, String reason) {
        handler.onClose(this, code, reason);
    }

    @Override
    public void onError(Throwable error) {
        handler.onError(this, error);
    }

    /** This socket's frame and authentication budget (set when the hub opens it), or null: unlimited. */
    public Allowance allowance() {
        return allowance;
    }

    public void allowance(Allowance allowance) {
        this.allowance = allowance;
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

    /** See {@link OutboundQueue#claimFlush}. */
    boolean claimFlush() {
        return queue.claimFlush();
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
        writer.closed(this);
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
