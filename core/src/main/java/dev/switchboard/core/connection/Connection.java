package dev.switchboard.core.connection;

import dev.switchboard.core.codec.OutboundFrame;

import dev.switchboard.api.Client;
import dev.switchboard.api.ClientState;
import dev.switchboard.api.Handshake;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * One client as the hub knows it: state, identity, rooms and activity clock, writing through the
 * {@link Link} (socket) it is attached to.
 *
 * <p>Concurrency: state transitions, the user binding and room membership are changed only while
 * holding this object's monitor, so a connection that is being closed can never be added to an
 * index again; reads are lock-free (volatile fields, concurrent set). The link's queue has its own
 * lock. Inbound frames arrive one at a time per socket from the container.
 */
public final class Connection implements Client {

    private final String id;
    private final ConnectionOwner owner;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private volatile Link link;

    private volatile ClientState state = ClientState.UNAUTHORIZED;
    private volatile String userId;
    private volatile Object metadata;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile Future<?> authTimer;

    /** A new connection served by {@code link}. */
    public Connection(String id, Link link, ConnectionOwner owner) {
        this.id = id;
        this.owner = owner;
        attach(link);
    }

    /** Makes {@code link} the socket this connection writes to. */
    public void attach(Link link) {
        link.connection(this);
        this.link = link;
    }

    /** The socket this connection writes to. */
    public Link link() {
        return link;
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
        return link.handshake();
    }

    @Override
    public Set<String> rooms() {
        return Set.copyOf(rooms);
    }

    @Override
    public boolean isBackpressured() {
        return link.isBackpressured();
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

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    // ---- outbound ----

    /** Queues a frame whatever the state (protocol replies such as {@code error}); false if refused. */
    public boolean enqueue(OutboundFrame frame) {
        return accepted(link.offer(frame, true));
    }

    /**
     * Queues a frame without writing it yet, so it can be queued while holding this monitor (no
     * socket I/O under a lock) and be written first once {@link #flush()} runs.
     */
    public boolean stage(OutboundFrame frame) {
        return accepted(link.offer(frame, false));
    }

    /** Starts writing staged frames. */
    public void flush() {
        link.flush();
    }

    private boolean accepted(OutboundQueue.Offer offer) {
        if (offer == OutboundQueue.Offer.OVERFLOWED) {
            owner.overflowed(link);
        }
        return offer == OutboundQueue.Offer.QUEUED;
    }

    /** Queues an app delivery; only authenticated connections receive them. */
    public boolean deliver(OutboundFrame frame) {
        return state == ClientState.AUTHENTICATED && enqueue(frame);
    }

    public long queuedBytes() {
        return link.queuedBytes();
    }

    public long droppedMessages() {
        return link.droppedCount();
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", " + state + (userId == null ? "" : ", user " + userId) + "]";
    }
}
