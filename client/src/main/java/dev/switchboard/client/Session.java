package dev.switchboard.client;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;
import dev.switchboard.api.WireError;

import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The client's logical session: which socket is current, the authentication attempt, the
 * heartbeat, and the routing of every server frame to the pending requests, room requests, method
 * handlers and event handlers it owns. Frames from a socket that is not the current one are
 * ignored, so a later reconnect can swap sockets under the same session. Thread-safe; the
 * connection state, current socket and authentication attempt are guarded by this object's
 * monitor, and the parts it routes to are thread-safe themselves.
 */
final class Session implements Transport.Events {

    private static final System.Logger LOG = System.getLogger(Session.class.getName());

    private enum State { NEW, CONNECTING, OPEN, CLOSED }

    final Codec codec = new Codec();
    final Calls calls;
    final RoomRequests rooms;
    final ClientMethods methods;
    final EventHandlers events;
    private final ClientOptions options;
    private final HttpClient http;
    private final Executor executor;
    private final Lane lane;
    private final ScheduledExecutorService timers;
    private final Runnable release;
    private final List<CloseListener> closeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Throwable>> errorListeners = new CopyOnWriteArrayList<>();

    private State state = State.NEW;
    private Transport transport;
    private CompletableFuture<Void> opening;
    private CompletableFuture<Connected> auth;
    private WireError authError;
    private Connected connected;
    private ScheduledFuture<?> heartbeat;

    Session(ClientOptions options, HttpClient http, Executor executor, ScheduledExecutorService timers, Runnable release) {
        this.options = options;
        this.http = http;
        this.executor = executor;
        this.timers = timers;
        this.release = release;
        this.lane = new Lane(executor);
        this.calls = new Calls(codec, executor, timers, this::send);
        this.rooms = new RoomRequests(executor, timers, this::send);
        this.methods = new ClientMethods(codec, lane, executor, this::send);
        this.events = new EventHandlers(lane, this::reportError);
    }

    // ---- connection ----

    synchronized CompletableFuture<Void> connect() {
        if (state == State.CLOSED) {
            return CompletableFuture.failedFuture(new IllegalStateException("The client is closed"));
        }
        if (opening == null) {
            state = State.CONNECTING;
            CompletableFuture<Transport> handshake;
            try {
                handshake = Transport.open(http, options.uri(), options.headers(), options.connectTimeout(), this);
            } catch (RuntimeException e) {
                handshake = CompletableFuture.failedFuture(e);
            }
            CompletableFuture<Void> attempt = handshake.thenAccept(this::opened);
            opening = attempt;
            attempt.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    connectFailed(attempt);
                }
            });
            return attempt;
        }
        return opening;
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
        if (state == State.CONNECTING && opening == attempt) {
            state = State.NEW;
            opening = null;
            transport = null;
        }
    }

    /** Makes {@code candidate} the current socket if there is none yet. @return whether it is current */
    private synchronized boolean adopt(Transport candidate) {
        if (transport == null && state == State.CONNECTING) {
            transport = candidate;
        }
        return transport == candidate;
    }

    synchronized boolean isOpen() {
        return state == State.OPEN && transport.isOpen();
    }

    synchronized Connected connected() {
        return connected;
    }

    /** Encodes and queues an envelope; fails with DISCONNECTED when no socket is open. */
    CompletableFuture<Void> send(Envelope envelope) {
        Transport current;
        synchronized (this) {
            current = state == State.OPEN ? transport : null;
        }
        if (current == null) {
            return CompletableFuture.failedFuture(new RpcException(ErrorCodes.DISCONNECTED, "Not connected"));
        }
        return current.send(codec.encode(envelope));
    }

    private void sendHeartbeat() {
        send(Envelope.of("heartbeat", null)).exceptionally(failure -> null);
    }

    // ---- authentication ----

    CompletableFuture<Connected> authenticate(Object credentials) {
        CompletableFuture<Connected> attempt;
        synchronized (this) {
            if (state != State.OPEN) {
                return CompletableFuture.failedFuture(
                        new AuthenticationException(ErrorCodes.DISCONNECTED, "Not connected", 0));
            }
            if (auth != null) {
                return auth.copy();
            }
            attempt = auth = new CompletableFuture<>();
        }
        send(Envelope.of("authenticate", credentials)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                Dispatch.run(executor, () -> attempt.completeExceptionally(
                        new AuthenticationException(ErrorCodes.DISCONNECTED, "Not connected", 0)));
            }
        });
        return attempt.copy();
    }

    private void onConnected(Codec.Frame frame) {
        Connected who = codec.decode(frame.data(), Connected.class);
        CompletableFuture<Connected> attempt;
        synchronized (this) {
            connected = who;
            attempt = auth;
        }
        if (attempt != null) {
            Dispatch.run(executor, () -> attempt.complete(who));
        }
    }

    // ---- inbound frames ----

    @Override
    public void onText(Transport from, String text) {
        if (!adopt(from)) {
            return;
        }
        Codec.Frame frame;
        try {
            frame = codec.parse(text);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring a malformed frame from the server: {0}", e.getMessage());
            return;
        }
        try {
            route(frame);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring a '" + frame.event() + "' frame that could not be handled", e);
        }
    }

    private void route(Codec.Frame frame) {
        switch (frame.event()) {
            case "response" -> calls.onResponse(frame);
            case "request" -> methods.onRequest(frame);
            case "cancel" -> methods.onCancel(frame);
            case "notification" -> {
                if (!calls.onNotification(frame)) {
                    events.dispatch(frame.event(), payload(frame));
                }
            }
            case "error" -> onErrorFrame(frame);
            case "connected" -> {
                onConnected(frame);
                events.dispatch(frame.event(), payload(frame));
            }
            case "joined", "left" -> {
                rooms.onReply(frame.event(), codec.decode(frame.data(), Rooms.class));
                events.dispatch(frame.event(), payload(frame));
            }
            default -> events.dispatch(frame.event(), payload(frame));
        }
    }

    private void onErrorFrame(Codec.Frame frame) {
        WireError error;
        try {
            error = codec.decode(frame.data(), WireError.class);
        } catch (RpcException e) {
            error = null;
        }
        if (error == null || error.code() == null) {
            error = new WireError(ErrorCodes.INTERNAL_ERROR, "The server sent an error without a code");
        }
        RpcException failure = new RpcException(error.code(), error.message());
        if (frame.id() != null && (calls.fail(frame.id(), failure) || rooms.fail(frame.id(), failure))) {
            return;
        }
        if (ErrorCodes.AUTHENTICATION_FAILED.equals(error.code()) && authFailed(error)) {
            return;
        }
        reportError(failure);
        events.dispatch(frame.event(), payload(frame));
    }

    /** Keeps the reason until the close that follows (so the failure can name both); fails anyway if none comes. */
    private boolean authFailed(WireError error) {
        CompletableFuture<Connected> attempt;
        synchronized (this) {
            attempt = auth;
            if (attempt == null || attempt.isDone()) {
                return false;
            }
            authError = error;
        }
        Dispatch.later(timers, () -> Dispatch.run(executor, () -> attempt.completeExceptionally(
                        new AuthenticationException(error.code(), error.message(), 0))),
                options.closeTimeout().toMillis());
        return true;
    }

    private Payload payload(Codec.Frame frame) {
        return new Payload(frame.data(), codec);
    }

    // ---- the end ----

    @Override
    public void onClosed(Transport from, int code, String reason) {
        if (adopt(from)) {
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
            reportError(error);
        }
    }

    /** Closes with 1000 (idempotent). */
    void close() {
        Transport current;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            current = transport;
        }
        if (current != null) {
            current.close(CloseCodes.NORMAL, "Client closed", options.closeTimeout());
        }
        end(CloseCodes.NORMAL, "Client closed");
    }

    /** The session is over: everything waiting fails with DISCONNECTED, close listeners run, threads stop. */
    private void end(int code, String reason) {
        CompletableFuture<Connected> attempt;
        WireError refused;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            attempt = auth;
            refused = authError;
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
        }
        String why = "Connection closed (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")";
        if (attempt != null && !attempt.isDone()) {
            AuthenticationException failure = refused != null
                    ? new AuthenticationException(refused.code(), refused.message(), code)
                    : new AuthenticationException(code == CloseCodes.AUTH_FAILED || code == CloseCodes.AUTH_TIMEOUT
                    ? ErrorCodes.AUTHENTICATION_FAILED : ErrorCodes.DISCONNECTED, why, code);
            Dispatch.run(executor, () -> attempt.completeExceptionally(failure));
        }
        RpcException disconnected = new RpcException(ErrorCodes.DISCONNECTED, why);
        calls.failAll(disconnected);
        rooms.failAll(disconnected);
        methods.cancelAll();
        lane.execute(() -> closeListeners.forEach(listener -> {
            try {
                listener.onClose(code, reason);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A close listener failed", e);
            }
        }));
        release.run();
    }

    // ---- listeners ----

    void addCloseListener(CloseListener listener) {
        closeListeners.add(listener);
    }

    void addErrorListener(Consumer<Throwable> listener) {
        errorListeners.add(listener);
    }

    void reportError(Throwable error) {
        if (errorListeners.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Client error (no error listener): " + error,
                    error instanceof RpcException ? null : error);
            return;
        }
        lane.execute(() -> errorListeners.forEach(listener -> {
            try {
                listener.accept(error);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "An error listener failed", e);
            }
        }));
    }

    Executor executor() {
        return executor;
    }

    ClientOptions options() {
        return options;
    }
}
