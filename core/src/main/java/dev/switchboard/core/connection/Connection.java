package dev.switchboard.core.connection;

import dev.switchboard.core.codec.OutboundFrame;

import dev.switchboard.api.Client;
import dev.switchboard.api.ClientState;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.OverflowPolicy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * One client connection: its state, identity, rooms, activity clock and outbound queue.
 *
 * <p>Concurrency: state transitions, the user binding and room membership are changed only while
 * holding this object's monitor, so a connection that is being closed can never be added to an
 * index again; reads are lock-free (volatile fields, concurrent set). The outbound queue has its own
 * lock. Inbound frames arrive one at a time per connection from the container.
 */
public final class Connection implements Client {

    private final String id;
    private final Handshake handshake;
    private final ConnectionOwner owner;
    private final OutboundQueue outbound;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();

    private volatile ClientState state = ClientState.UNAUTHORIZED;
    private volatile String userId;
    private volatile Object metadata;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile Future<?> authTimer;
    private volatile Future<?> closeTimer;

    public Connection(String id, Handshake handshake, Transport transport, ConnectionOwner owner,
                      long maxQueuedBytes, OverflowPolicy overflowPolicy) {
        this.id = id;
        this.handshake = handshake;
        this.owner = owner;
        this.outbound = new OutboundQueue(transport, maxQueuedBytes, overflowPolicy,
                () -> owner.drained(this), () -> cancel(closeTimer), failure -> owner.sendFailed(this, failure));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ClientState state() {
        return state;
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public Object metadata() {
        return metadata;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public Set<String> rooms() {
        return Set.copyOf(rooms);
    }

    @Override
    public boolean isBackpressured() {
        return outbound.isBackpressured();
    }

    @Override
    public void send(String event, Object data) {
        owner.send(this, event, data);
    }

    @Override
    public void close(int code, String reason) {
        owner.close(this, code, reason);
    }

    // ---- transitions (hold this monitor) ----

    /** UNAUTHORIZED → AUTHENTICATING; false in any other state. */
    public synchronized boolean beginAuthentication() {
        if (state != ClientState.UNAUTHORIZED) {
            return false;
        }
        state = ClientState.AUTHENTICATING;
        return true;
    }

    /**
     * AUTHENTICATING → AUTHENTICATED. The caller holds this monitor and has already bound the
     * identity, indexed the user and joined the initial rooms, so a concurrent close sees all or none.
     */
    public synchronized boolean completeAuthentication() {
        if (state != ClientState.AUTHENTICATING || userId == null) {
            return false;
        }
        state = ClientState.AUTHENTICATED;
        return true;
    }

    /** Binds the identity before the state changes, so indexes can be filled while still AUTHENTICATING. */
    public synchronized void identify(String userId, Object metadata) {
        this.userId = userId;
        this.metadata = metadata;
    }

    /**
     * Moves to DISCONNECTED if the current state is one of {@code from}.
     *
     * @return the previous state, or {@code null} when the transition was not allowed
     */
    public synchronized ClientState disconnect(EnumSet<ClientState> from) {
        ClientState previous = state;
        if (!from.contains(previous)) {
            return null;
        }
        state = ClientState.DISCONNECTED;
        return previous;
    }

    /** Mutable room set; callers hold this monitor for writes. */
    public Set<String> roomSet() {
        return rooms;
    }

    /** Read-only live view of the rooms, for iteration without copying. */
    public Set<String> roomsView() {
        return Collections.unmodifiableSet(rooms);
    }

    // ---- activity and timers ----

    public void touch() {
        lastActivityNanos = System.nanoTime();
    }

    public long idleNanos(long nowNanos) {
        return nowNanos - lastActivityNanos;
    }

    public void authTimer(Future<?> timer) {
        this.authTimer = timer;
    }

    public void cancelAuthTimer() {
        cancel(authTimer);
    }

    /** The timer that closes the socket if a polite close has not finished in time. */
    public void closeTimer(Future<?> timer) {
        this.closeTimer = timer;
    }

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    // ---- outbound ----

    /** Queues a frame whatever the state (protocol replies such as {@code error}); false if refused. */
    public boolean enqueue(OutboundFrame frame) {
        return accepted(outbound.offer(frame, true));
    }

    /**
     * Queues a frame without writing it yet, so it can be queued while holding this monitor (no
     * socket I/O under a lock) and be written first once {@link #flush()} runs.
     */
    public boolean stage(OutboundFrame frame) {
        return accepted(outbound.offer(frame, false));
    }

    /** Starts writing staged frames. */
    public void flush() {
        outbound.flush();
    }

    private boolean accepted(OutboundQueue.Offer offer) {
        if (offer == OutboundQueue.Offer.OVERFLOWED) {
            owner.overflowed(this);
        }
        return offer == OutboundQueue.Offer.QUEUED;
    }

    /** Queues an app delivery; only authenticated connections receive them. */
    public boolean deliver(OutboundFrame frame) {
        return state == ClientState.AUTHENTICATED && enqueue(frame);
    }

    /** Closes the socket after what is queued has been written. */
    public void flushAndClose(int code, String reason) {
        outbound.closeAfterFlush(code, reason);
    }

    /** Closes the socket now, discarding what is queued. */
    public void closeNow(int code, String reason) {
        outbound.closeNow(code, reason);
    }

    /** The container reported the socket closed. */
    public void transportClosed() {
        outbound.discard();
        cancel(closeTimer);
    }

    public long queuedBytes() {
        return outbound.queuedBytes();
    }

    public long droppedMessages() {
        return outbound.droppedCount();
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", " + state + (userId == null ? "" : ", user " + userId) + "]";
    }
}
