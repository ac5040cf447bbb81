package dev.switchboard.client;

import dev.switchboard.api.internal.SerialExecutor;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;

import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client's logical session: the current socket, the authentication attempt, the heartbeat, and
 * the routing of every server frame to the pending requests, room and presence requests, method handlers
 * and event handlers it owns. Frames from a socket that is not current are ignored and replayable frames already
 * processed (by {@code seq}) dropped, so a {@link Reconnector} can move the session to a new socket;
 * while it does (RECOVERING), outgoing frames wait in the {@link Backlog}. Thread-safe: the state,
 * current and opening socket and authentication attempt are guarded by this object's monitor (taken
 * before those of the room line and the backlog, never after); the parts it routes to are thread-safe.
 */
final class Session implements Transport.Events {

    private static final System.Logger LOG = System.getLogger(Session.class.getName());

    private enum State { NEW, CONNECTING, OPEN, RECOVERING, CLOSED }

    final Codec codec = new Codec();
    final Calls calls;
    final RoomRequests rooms;
    final PresenceRequests presence;
    final ClientMethods methods;
    final EventHandlers events;
    final ClientListeners listeners;
    final Authentication auth;
    private final Continuity memory = new Continuity();
    private final ClientEncryption encryption;
    private final Backlog backlog;
    private final Reconnector reconnector;
    private final Recovery recovery;
    private final Router router;
    private final ClientOptions options;
    private final HttpClient http;
    private final Executor executor;
    private final SerialExecutor lane;
    private final ScheduledExecutorService timers;
    private final Runnable release;

    private State state = State.NEW;
    private Transport transport;
    private Transport opening;
    private CompletableFuture<Void> connecting;
    private ScheduledFuture<?> heartbeat;

    Session(ClientOptions options, HttpClient http, Executor executor, ScheduledExecutorService timers, Runnable release) {
        this.options = options;
        this.http = http;
        this.executor = executor;
        this.timers = timers;
        this.release = release;
        this.encryption = new ClientEncryption(options.encryption());
        this.lane = new SerialExecutor(executor, Runnable::run);
        this.listeners = new ClientListeners(lane);
        this.calls = new Calls(codec, executor, timers, this::send);
        this.rooms = new RoomRequests(executor, timers, this::send);
        this.presence = new PresenceRequests(executor, timers, this::send);
        this.methods = new ClientMethods(codec, lane, executor, this::send);
        this.events = new EventHandlers(lane, listeners::error);
        this.backlog = new Backlog(options.reconnect().maxQueued(), executor);
        this.auth = new Authentication(executor, timers, options.closeTimeout());
        this.recovery = new Recovery(this, memory, backlog, options.reconnect().reauthenticate());
        this.reconnector = new Reconnector(this, recovery, options, timers, memory, listeners);
        this.router = new Router(this, memory, reconnector);
    }

    // ---- connection ----

    synchronized CompletableFuture<Void> connect() {
        if (state == State.CLOSED) {
            return CompletableFuture.failedFuture(new IllegalStateException("The client is closed"));
        }
        if (connecting == null) {
            state = State.CONNECTING;
            CompletableFuture<Void> attempt = openSocket().thenAccept(this::opened);
            connecting = attempt;
            attempt.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    connectFailed(attempt);
                }
            });
            return attempt;
        }
        return connecting;
    }

    /** Starts the handshake of a new socket, remembered as the one being opened; caller holds the monitor. */
    private CompletableFuture<Transport> openSocket() {
        Transport candidate = Transport.create(this);
        opening = candidate;
        try {
            return candidate.open(http, options.uri(), options.headers(), options.connectTimeout(), options.batching());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void opened(Transport opened) {
        synchronized (this) {
            if (state == State.CONNECTING && adopt(opened)) {
                state = State.OPEN;
                if (options.heartbeats()) {
                    long period = options.heartbeatInterval().toMillis();
                    heartbeat = timers.scheduleAtFixedRate(this::sendHeartbeat, period, period, TimeUnit.MILLISECONDS);
                }
                return;
            }
        }
        opened.close(CloseCodes.NORMAL, "Client closed", options.closeTimeout());
        throw new IllegalStateException("The client was closed while connecting");
    }

    /** A failed handshake leaves the client as new, so connect may be called again. */
    private synchronized void connectFailed(CompletableFuture<Void> attempt) {
        if (state == State.CONNECTING && connecting == attempt) {
            state = State.NEW;
            connecting = null;
            transport = null;
            opening = null;
        }
    }

    /** A reconnect attempt's socket: completes with it once current, with null if the client moved on meanwhile. */
    CompletableFuture<Transport> reopen() {
        CompletableFuture<Transport> handshake;
        synchronized (this) {
            if (state != State.RECOVERING) {
                return CompletableFuture.completedFuture(null);
            }
            handshake = openSocket();
        }
        return handshake.thenApply(candidate -> {
            if (adopt(candidate)) {
                return candidate;
            }
            candidate.close(CloseCodes.NORMAL, "Client closed", options.closeTimeout());
            return null;
        });
    }

    /** Makes {@code candidate} current if it is the socket being opened and there is none. @return whether it is current */
    private synchronized boolean adopt(Transport candidate) {
        if (transport == null && candidate == opening && (state == State.CONNECTING || state == State.RECOVERING)) {
            transport = candidate;
            opening = null;
        }
        return transport == candidate;
    }

    synchronized boolean isOpen() {
        return state == State.OPEN && transport.isOpen();
    }

    /** Whether frames are taken now: sent on an open socket, or queued while reconnecting. */
    synchronized boolean accepting() {
        return state == State.OPEN || state == State.RECOVERING;
    }

    synchronized boolean isReconnecting() {
        return state == State.RECOVERING;
    }

    Connected connected() {
        return auth.connected();
    }

    /** Encodes and sends an envelope, or queues it while reconnecting; fails with DISCONNECTED otherwise. */
    CompletableFuture<Void> send(Envelope envelope) {
        String text = codec.encode(envelope);
        synchronized (this) {
            if (state == State.OPEN) {
                return transport.send(encryption.outbound(envelope.event(), text));
            }
            if (state == State.RECOVERING) {
                return backlog.offer(envelope.event(), envelope.id(), text);
            }
        }
        return CompletableFuture.failedFuture(new RpcException(ErrorCodes.DISCONNECTED, "Not connected"));
    }

    /** Queues an envelope ahead of everything waiting for the new session. */
    CompletableFuture<Void> sendFirst(Envelope envelope) {
        return backlog.offerFirst(envelope.event(), envelope.id(), codec.encode(envelope));
    }

    /** A protocol frame on a reconnect attempt's socket (resume, authenticate), past the backlog. */
    void sendNow(Transport on, Envelope envelope) {
        on.send(encryption.outbound(envelope.event(), codec.encode(envelope))).exceptionally(failure -> null);
    }

    private void sendHeartbeat() {
        Transport current;
        synchronized (this) {
            current = state == State.OPEN ? transport : null;
        }
        if (current != null) {
            current.send(codec.encode(Envelope.of("heartbeat", null))).exceptionally(failure -> null);
        }
    }

    // ---- authentication ----

    CompletableFuture<Connected> authenticate(Object credentials) {
        CompletableFuture<Connected> attempt;
        synchronized (this) {
            if (state != State.OPEN) {
                return CompletableFuture.failedFuture(
                        new AuthenticationException(ErrorCodes.DISCONNECTED, "Not connected", 0));
            }
            CompletableFuture<Connected> existing = auth.existing();
            if (existing != null) {
                return existing;
            }
            attempt = auth.start(credentials);
        }
        send(Envelope.of("authenticate", credentials)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                Dispatch.run(executor, () -> attempt.completeExceptionally(
                        new AuthenticationException(ErrorCodes.DISCONNECTED, "Not connected", 0)));
            }
        });
        return attempt.copy();
    }

    /** {@code connected}: the application's authentication attempt succeeded, or the reconnector's. */
    void onConnected(Connected who, String token) {
        boolean again = isReconnecting();
        Object credentials = auth.connected(who, again);
        memory.newSession(token, again ? memory.credentials() : credentials);
        if (again) {
            reconnector.onConnected(who);
        }
    }

    // ---- reconnection ----

    /** The session continues on the current socket: queued frames go first, then new ones. */
    void recovered() {
        synchronized (this) {
            if (state != State.RECOVERING || transport == null) {
                return;
            }
            backlog.drain(text -> transport.send(encryption.seal(text)));
            state = State.OPEN;
        }
    }

    /** Not recovered and not authenticating again: open but unauthenticated; what was queued fails. */
    void recoveredUnauthenticated() {
        synchronized (this) {
            if (state != State.RECOVERING) {
                return;
            }
            state = State.OPEN;
        }
        backlog.failAll(new RpcException(ErrorCodes.DISCONNECTED, "The session was not recovered; authenticate again"));
    }

    void giveUp(int code, String reason) {
        Transport current;
        synchronized (this) {
            current = transport;
        }
        if (current != null) {
            current.abort(reason);
        }
        end(code, reason);
    }

    // ---- inbound frames ----

    @Override
    public void onText(Transport from, String text) {
        if (!adopt(from)) {
            return;
        }
        Codec.Frame parsed = codec.parseOrWarn(text);
        List<Codec.Frame> frames = parsed == null ? null : encryption.inbound(from, codec, parsed, options.closeTimeout());
        for (Codec.Frame frame : frames == null ? List.<Codec.Frame>of() : frames) {
            if (frame.seq() == null || memory.advance(frame.seq())) {
                try {
                    router.route(from, frame);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Ignoring a '" + frame.event() + "' frame that could not be handled", e);
                }
            }
        }
    }

    // ---- the end ----

    /**
     * The current socket ended. An authenticated session on a socket lost in a way worth retrying
     * (see {@link Reconnector#reconnectsAfter}) starts reconnecting; a reconnect attempt's socket
     * lost the same way makes way for the next attempt; anything else ends the client.
     */
    @Override
    public void onClosed(Transport from, int code, String reason) {
        if (!adopt(from)) {
            return;
        }
        boolean start;
        boolean retry;
        synchronized (this) {
            boolean worth = reconnector.enabled() && Reconnector.reconnectsAfter(code);
            start = worth && state == State.OPEN && auth.connected() != null;
            retry = worth && state == State.RECOVERING;
            if (start || retry) {
                transport = null;
                opening = null;
                state = State.RECOVERING;
            }
        }
        if (start) {
            LOG.log(System.Logger.Level.DEBUG, "Connection lost ({0} {1}), reconnecting", code, reason);
            if (memory.token() == null) {
                recovery.abandon(null);
            }
            reconnector.start(code);
        } else if (retry) {
            reconnector.socketLost(code);
        } else {
            end(code, reason);
        }
    }

    @Override
    public void onFailure(Transport from, Throwable error) {
        boolean live;
        synchronized (this) {
            live = state != State.CLOSED;
        }
        if (live && adopt(from)) {
            listeners.error(error);
        }
    }

    /** Closes with 1000 (idempotent); stops reconnecting at once. */
    void close() {
        Transport current;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            current = transport;
        }
        reconnector.stop();
        if (current != null) {
            current.close(CloseCodes.NORMAL, "Client closed", options.closeTimeout());
        }
        end(CloseCodes.NORMAL, "Client closed");
    }

    /** The session is over: everything waiting fails with DISCONNECTED, close listeners run, threads stop. */
    private void end(int code, String reason) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
        }
        reconnector.stop();
        String why = "Connection closed (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")";
        auth.ended(code, why);
        RpcException disconnected = new RpcException(ErrorCodes.DISCONNECTED, why);
        backlog.failAll(disconnected);
        calls.failAll(disconnected);
        rooms.failAll(disconnected);
        presence.failAll(disconnected);
        methods.cancelAll();
        listeners.closed(code, reason);
        encryption.wipe();
        release.run();
    }

    Executor executor() {
        return executor;
    }

    ClientOptions options() {
        return options;
    }
}
