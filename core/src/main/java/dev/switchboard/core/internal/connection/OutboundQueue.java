package dev.switchboard.core.internal.connection;

import dev.switchboard.core.internal.codec.OutboundFrame;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.OverflowPolicy;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's bounded outbound queue with at most one send in flight: the next frame is sent
 * from the previous send's completion, so a slow client never blocks the caller and sends are never
 * concurrent. Bytes count from enqueue until the send completes (the writer releases them as it takes
 * the next payload). The writer takes each send's payload
 * through a {@link FrameBatcher} (one frame, or a coalesced batch for clients that asked for it).
 *
 * <p>All fields are guarded by this queue's monitor; the transport is always called outside it.
 */
final class OutboundQueue {

    enum Offer { QUEUED, DROPPED, OVERFLOWED, CLOSED }

    static final String SLOW_CONSUMER = "Slow consumer";

    private record CloseRequest(int code, String reason) {
    }

    /**
     * A queue's fixed settings, one shared instance per distinct value (a hub has one or two: with and
     * without coalescing), so an idle socket's queue does not carry copies of them.
     */
    private record Settings(long maxBytes, long highWaterBytes, OverflowPolicy policy, FrameBatcher batcher) {

        private static final int MAX_SHARED = 64;
        private static final ConcurrentHashMap<Settings, Settings> SHARED = new ConcurrentHashMap<>();

        static Settings of(long maxBytes, OverflowPolicy policy, FrameBatcher batcher) {
            Settings settings = new Settings(maxBytes, Math.max(1, maxBytes / 2), policy, batcher);
            Settings shared = SHARED.get(settings);
            if (shared != null) {
                return shared;
            }
            return SHARED.size() < MAX_SHARED ? SHARED.computeIfAbsent(settings, key -> key) : settings;
        }
    }

    private final Transport transport;
    private final Settings settings;
    private final Events events;

    /** Made when a frame first has to wait (most sends find nothing queued and nothing in flight). */
    private ArrayDeque<OutboundFrame> frames;
    private long queuedBytes;
    private boolean writing;
    /** A {@link Flusher} holds this queue and will call {@link #flush}. */
    private boolean scheduled;
    private boolean backpressured;
    private boolean closed;
    private CloseRequest pendingClose;
    private long dropped;

    /** What the queue tells its owner, and asks it: one object per socket (its link), not four callbacks. */
    interface Events {
        /** The queue was backpressured and is empty again. */
        void drained();

        /** The queue closed its socket or learnt it closed: nothing more is sent. */
        void closed();

        /** A send failed; the queue has discarded everything. */
        void failed(Throwable failure);

        /** What {@code frame} is sent as (itself, or sealed); asked by the single writer in wire order (see {@link FrameWriter}). */
        OutboundFrame wire(OutboundFrame frame);
    }

    /** @param batcher what the writer takes from the queue for each send: one frame, or several joined */
    OutboundQueue(Transport transport, long maxBytes, OverflowPolicy policy, Events events, FrameBatcher batcher) {
        this.transport = transport;
        this.settings = Settings.of(maxBytes, policy, batcher);
        this.events = events;
    }

    /** Queues a frame and starts writing if nothing is in flight. Never blocks on the socket. */
    Offer offer(OutboundFrame frame) {
        return offer(frame, true);
    }

    /** Starts writing what is queued, if nothing is in flight. */
    void flush() {
        synchronized (this) {
            scheduled = false;
            if (writing || closed || frames == null || frames.isEmpty()) {
                return;
            }
            writing = true;
        }
        pump(null, 0);
    }

    /**
     * Whether the caller should have a {@link Flusher} flush this queue: frames wait, nothing is in
     * flight (a send in flight takes them anyway) and no flush is scheduled yet; if so, it now is.
     */
    synchronized boolean claimFlush() {
        if (scheduled || writing || closed || frames == null || frames.isEmpty()) {
            return false;
        }
        scheduled = true;
        return true;
    }

    /**
     * Queues a frame; with {@code write} false it waits for the next {@link #flush} or offer. On
     * overflow with policy CLOSE the queued frames are dropped, later offers are refused, and
     * {@link Offer#OVERFLOWED} tells the owner to end the connection; its close (1013) goes out
     * after the frame in flight, if any: cutting a write short makes some containers abort the
     * connection, and the client would never see the close code.
     */
    Offer offer(OutboundFrame frame, boolean write) {
        return offer(frame, write, true);
    }

    /**
     * Queues a frame; with {@code write} false it waits for the next {@link #flush} or offer. With
     * {@code bounded} false the byte bound is not applied (a replay, bounded by its own buffer).
     */
    Offer offer(OutboundFrame frame, boolean write, boolean bounded) {
        OutboundFrame first;
        synchronized (this) {
            if (closed || pendingClose != null) {
                return Offer.CLOSED;
            }
            if (!bounded || queuedBytes + frame.bytes() <= settings.maxBytes()) {
                queuedBytes += frame.bytes();
                if (queuedBytes >= settings.highWaterBytes()) {
                    backpressured = true;
                }
                if (writing || !write || (frames != null && !frames.isEmpty())) {
                    if (frames == null) {
                        frames = new ArrayDeque<>(4);
                    }
                    frames.add(frame);
                    if (writing || !write) {
                        return Offer.QUEUED;
                    }
                    first = null;
                } else {
                    first = frame; // nothing queued, nothing in flight: the writer takes it straight away
                }
                writing = true;
            } else if (settings.policy() == OverflowPolicy.DROP) {
                dropped++;
                return Offer.DROPPED;
            } else {
                // Refuse everything from now on; the owner ends the connection and closes us with
                // closeAfterFlush, so its cleanup (code 1013) comes before the container's close event.
                frames = null;
                queuedBytes = 0;
                backpressured = false;
                pendingClose = new CloseRequest(CloseCodes.TRY_AGAIN_LATER, SLOW_CONSUMER);
                return Offer.OVERFLOWED;
            }
        }
        pump(first, 0);
        return Offer.QUEUED;
    }

    /**
     * Closes the socket once every frame queued so far is written; later offers are refused.
     * Closes at once when nothing is queued or in flight; frames staged and not flushed yet are
     * written first. A close already requested (an overflow's 1013) keeps its code. On a queue that
     * is already closed it only reports the close as done, so no close deadline stays armed.
     */
    void closeAfterFlush(int code, String reason) {
        CloseRequest close = null;
        boolean writeFirst = false;
        synchronized (this) {
            if (closed) {
                close = null;
            } else if (writing || frames != null && !frames.isEmpty()) {
                if (pendingClose == null) {
                    pendingClose = new CloseRequest(code, reason);
                }
                if (writing) {
                    return;
                }
                writing = true;
                writeFirst = true;
            } else {
                close = pendingClose != null ? pendingClose : new CloseRequest(code, reason);
                pendingClose = null;
                closed = true;
            }
        }
        if (writeFirst) {
            pump(null, 0); // the close goes out when the pump finds the queue empty
        } else if (close != null) {
            closeTransport(close.code(), close.reason());
        } else {
            events.closed();
        }
    }

    /** Discards what is queued and closes the socket now, unless it is already closed. */
    void closeNow(int code, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            discardLocked();
        }
        closeTransport(code, reason);
    }

    /** The socket is gone: forget everything queued. */
    synchronized void discard() {
        discardLocked();
    }

    synchronized boolean isBackpressured() {
        return backpressured;
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    synchronized long droppedCount() {
        return dropped;
    }

    private void closeTransport(int code, String reason) {
        transport.close(code, reason);
        events.closed();
    }

    private void discardLocked() {
        closed = true;
        pendingClose = null;
        frames = null;
        queuedBytes = 0;
        backpressured = false;
    }

    /**
     * Writes frames until the queue is empty or a send completes asynchronously; an asynchronous
     * completion continues the loop on its own thread. Completions that run inside
     * {@code sendText} hand the loop back here instead of recursing. The bytes of a completed send
     * are released when the loop takes the next payload, under the same monitor.
     *
     * @param first    the payload to send first, already taken by {@link #offer}, or null
     * @param released bytes of the send that just completed
     */
    private void pump(OutboundFrame first, int released) {
        OutboundFrame taken = first;
        int done = released;
        while (true) {
            OutboundFrame next = taken;
            CloseRequest close = null;
            boolean drained = false;
            if (next == null) {
                synchronized (this) {
                    queuedBytes = Math.max(0, queuedBytes - done);
                    next = closed || frames == null ? null : settings.batcher().take(frames);
                    if (next == null) {
                        writing = false;
                        frames = null; // an ArrayDeque never shrinks: a burst's array goes with it
                        if (backpressured && !closed) {
                            backpressured = false;
                            drained = true;
                        }
                        if (pendingClose != null) {
                            close = pendingClose;
                            pendingClose = null;
                            closed = true;
                        }
                    }
                }
            }
            taken = null;
            if (next == null) {
                if (drained) {
                    events.drained();
                }
                if (close != null) {
                    closeTransport(close.code(), close.reason());
                }
                return;
            }
            OutboundFrame frame = next;
            AtomicInteger handoff = new AtomicInteger();
            try {
                transport.sendFrame(events.wire(frame), failure -> {
                    if (failure != null) {
                        fail(failure);
                    } else if (handoff.getAndIncrement() == 1) {
                        pump(null, frame.bytes());
                    }
                });
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            if (handoff.getAndIncrement() == 0) {
                return;
            }
            done = frame.bytes();
        }
    }

    private void fail(Throwable failure) {
        synchronized (this) {
            if (closed) {
                return;
            }
            discardLocked();
            writing = false;
        }
        events.failed(failure);
    }
}
