package dev.switchboard.core.internal.connection;

import dev.switchboard.core.internal.codec.OutboundFrame;

import dev.switchboard.api.AttributeKey;
import dev.switchboard.api.Client;
import dev.switchboard.api.ClientState;
import dev.switchboard.api.Handshake;
import dev.switchboard.core.internal.session.ReplayBuffer;
import dev.switchboard.core.internal.session.Session;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * One client as the hub knows it: state, identity, rooms and activity clock, writing through the
 * {@link Link} (socket) it is attached to. With resumption on it is also a session: its
 * {@link Session} numbers and keeps replayable messages, and it can move to a new link.
 *
 * <p>Concurrency: state transitions, the user binding, room membership, the link it writes to and
 * its session (sequence numbers, replay buffer, token) are changed only while holding this object's
 * monitor, so a closing connection can never be added to an index again, and for a resumable
 * connection buffer order = sequence order = queue order. Reads of state, identity and link are
 * lock-free (volatile fields; the room set is immutable and replaced under the monitor); application attributes live in a concurrent map
 * created on first use. The link's queue has its own lock, taken inside this
 * monitor and never the other way round; sockets are written only outside this monitor.
 * Inbound frames arrive one at a time per socket from the container.
 */
public final class Connection implements Client {

    private final String id;
    private final ConnectionOwner owner;
    private final boolean resumable;
    private volatile Object rooms = RoomList.NONE; // a RoomList value: immutable, replaced under this monitor
    private volatile Link link;

    private volatile ClientState state = ClientState.UNAUTHORIZED;
    private volatile String userId;
    private volatile Object metadata;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile Future<?> authTimer;
    private Session session;
    private volatile ConcurrentHashMap<AttributeKey<?>, Object> attributes;

    /** A new connection served by {@code link}; {@code resumable} when the hub gives sessions to authenticated connections. */
    public Connection(String id, Link link, ConnectionOwner owner, boolean resumable) {
        this.id = id;
        this.owner = owner;
        this.resumable = resumable;
        attach(link);
    }

    /** Makes {@code link} the socket this connection writes to; the previous one becomes stale. */
    public synchronized void attach(Link link) {
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

    /** The rooms it is in: an immutable snapshot. */
    @Override
    public Set<String> rooms() {
        return RoomList.view(rooms);
    }

    /** Whether it is in {@code room}, without building a snapshot. */
    public boolean inRoom(String room) {
        return RoomList.contains(rooms, room);
    }

    public int roomCount() {
        return RoomList.size(rooms);
    }

    @Override
    public boolean isBackpressured() {
        return link.isBackpressured();
    }

    @Override
    public <T> T attribute(AttributeKey<T> key) {
        Map<AttributeKey<?>, Object> values = attributes;
        return values == null ? null : key.cast(values.get(key));
    }

    @Override
    public <T> T attribute(AttributeKey<T> key, T value) {
        if (value == null) {
            Map<AttributeKey<?>, Object> values = attributes;
            return values == null ? null : key.cast(values.remove(key));
        }
        return key.cast(attributes().put(key, key.cast(value)));
    }

    @Override
    public <T> T attributeIfAbsent(AttributeKey<T> key, Supplier<? extends T> initial) {
        return key.cast(attributes().computeIfAbsent(key, k -> key.cast(initial.get())));
    }

    /** The attribute map, created on first use: an idle connection without attributes carries none. */
    private Map<AttributeKey<?>, Object> attributes() {
        ConcurrentHashMap<AttributeKey<?>, Object> values = attributes;
        if (values == null) {
            synchronized (this) {
                values = attributes;
                if (values == null) {
                    values = new ConcurrentHashMap<>(4);
                    attributes = values;
                }
            }
        }
        return values;
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

    /** The session of a resumable authenticated connection, else null; callers hold this monitor. */
    public Session session() {
        return session;
    }

    /** Makes this connection a session; called under this monitor while it is being admitted. */
    public void session(Session session) {
        this.session = session;
    }

    /**
     * AUTHENTICATED → SUSPENDED, when this is a session and {@code from} is still its socket. The
     * caller holds this monitor (to save state in the same step).
     */
    public boolean suspend(Link from) {
        if (session == null || link != from || state != ClientState.AUTHENTICATED) {
            return false;
        }
        state = ClientState.SUSPENDED;
        return true;
    }

    /**
     * Moves this session onto {@code next} (SUSPENDED or AUTHENTICATED → AUTHENTICATED) and queues,
     * unwritten, {@code first} and then the replayed frames on it; the caller holds this monitor and
     * flushes after releasing it. @return the link it wrote to before
     */
    public Link moveTo(Link next, OutboundFrame first, List<OutboundFrame> replay) {
        Link previous = link;
        attach(next);
        state = ClientState.AUTHENTICATED;
        touch();
        next.stageReplay(first);
        replay.forEach(next::stageReplay);
        return previous;
    }

    /** Records a room joined (the room index does, holding this monitor); false if already in it. */
    public synchronized boolean addRoom(String room) {
        if (RoomList.contains(rooms, room)) {
            return false;
        }
        rooms = RoomList.with(rooms, room);
        return true;
    }

    /** Records a room left (the room index does, holding this monitor); false if not in it. */
    public synchronized boolean removeRoom(String room) {
        if (!RoomList.contains(rooms, room)) {
            return false;
        }
        rooms = RoomList.without(rooms, room);
        return true;
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

    /** Cancels the auth timeout and lets go of it: a cancelled task would stay reachable from here for the connection's life. */
    public void cancelAuthTimer() {
        Future<?> timer = authTimer;
        authTimer = null;
        cancel(timer);
    }

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    // ---- outbound ----

    /** Queues a frame whatever the state (protocol replies such as {@code error}); false if refused. */
    public boolean enqueue(OutboundFrame frame) {
        Link target = link;
        return accepted(target, target.offer(frame, true));
    }

    /**
     * Queues a frame without writing it yet, so it can be queued while holding this monitor (no
     * socket I/O under a lock) and be written first once {@link #flush()} runs.
     */
    public boolean stage(OutboundFrame frame) {
        Link target = link;
        return accepted(target, target.offer(frame, false));
    }

    /**
     * Queues a small protocol frame unwritten and outside the byte bound (it cannot overflow), so it
     * can be queued under this monitor in the same step as the session change it announces.
     */
    public void stageProtocol(OutboundFrame frame) {
        link.stageReplay(frame);
    }

    /** Starts writing staged frames. */
    public void flush() {
        link.flush();
    }

    private boolean accepted(Link target, OutboundQueue.Offer offer) {
        if (offer == OutboundQueue.Offer.OVERFLOWED) {
            owner.overflowed(target);
        } else if (offer == OutboundQueue.Offer.DROPPED) {
            owner.dropped(target);
        }
        return offer == OutboundQueue.Offer.QUEUED;
    }

    /**
     * Queues a replayable message (app events, joined/left, RPC requests, responses, notifications,
     * cancels); only authenticated connections receive them. A session numbers it with the next
     * {@code seq} and keeps it for replay; while SUSPENDED it is only kept.
     *
     * @return true if it was queued, or kept for replay while the session is suspended or its
     *         socket is closing (false when refused, or dropped by the {@code DROP} overflow policy)
     */
    public boolean deliver(OutboundFrame frame) {
        return deliver(frame, null);
    }

    /**
     * As {@link #deliver(OutboundFrame)}, for a fan-out: with a {@code batch}, the frame is queued and
     * the socket joins the batch, whose {@link Flusher} starts the write; with null, the write starts here.
     */
    public boolean deliver(OutboundFrame frame, Flusher.Batch batch) {
        if (!resumable) {
            if (state != ClientState.AUTHENTICATED) {
                return false;
            }
            if (batch == null) {
                return enqueue(frame);
            }
            Link target = link;
            boolean accepted = accepted(target, target.offer(frame, false));
            batch.add(target);
            return accepted;
        }
        Link target;
        OutboundQueue.Offer offer;
        synchronized (this) {
            if (session == null || state != ClientState.AUTHENTICATED && state != ClientState.SUSPENDED) {
                return false;
            }
            long seq = session.buffer().append(frame);
            if (state == ClientState.SUSPENDED) {
                return true;
            }
            target = link;
            offer = target.offer(ReplayBuffer.numbered(frame, seq), false);
        }
        if (batch == null) {
            target.flush();
        } else {
            batch.add(target);
        }
        return offer == OutboundQueue.Offer.CLOSED || accepted(target, offer);
    }

    public long queuedBytes() {
        return link.queuedBytes();
    }

    @Override
    public long droppedMessages() {
        return link.droppedCount();
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", " + state + (userId == null ? "" : ", user " + userId) + "]";
    }
}
