package dev.switchboard.client;

import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;

import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A Switchboard client on the JDK's {@code java.net.http.WebSocket}: connect, authenticate, join
 * rooms, receive typed events, call server methods and answer the server's calls.
 *
 * <pre>{@code
 * SwitchboardClient client = SwitchboardClient.builder(URI.create("ws://127.0.0.1:8080/ws")).build();
 * client.on("chat:message", ChatMessage.class, message -> show(message));
 * client.connect().join();
 * Connected me = client.authenticate(Map.of("token", jwt)).join();
 * User user = client.request("users:get", Map.of("id", 42), User.class).join();
 * client.close();
 * }</pre>
 *
 * <p>Every method is thread-safe and none blocks. Callbacks (handlers, listeners, the completion of
 * the returned futures) never run on the socket's threads: event handlers, method handlers and
 * listeners run one at a time in arrival order on the callback executor; futures complete on that
 * executor too, so blocking on a future inside a handler works as long as the executor has another
 * thread (the default one grows as needed). Register handlers before authenticating so that no
 * event is missed. A client connects once; once it is closed it stays closed.
 *
 * <p><b>Reconnection</b> (on by default, see {@link SwitchboardClientBuilder#reconnect}). Once
 * authenticated, a client whose connection is lost opens a new one with backoff and resumes its
 * session: messages missed meanwhile are replayed in order and none is delivered twice (by
 * {@code seq}); answers to requests in flight arrive as well. Requests, emits, joins and leaves made
 * while reconnecting are queued (bounded, see {@link #QUEUE_FULL}) and sent in order once the
 * session is back; their timeouts keep running. If the session cannot be resumed,
 * {@link #onRecoveryFailed} is told, requests already sent fail with {@code DISCONNECTED}, and the
 * client authenticates again with its last credentials and joins its rooms again. Frames that were
 * written to the lost socket but never reached the server are not sent again (at most once).
 * Close codes:
 * <table>
 * <caption>When the client reconnects</caption>
 * <tr><th>code</th><th>reconnect</th></tr>
 * <tr><td>1006 (no close frame: network loss, reset), 1011, 1012, 1013, 4002 heartbeat timeout</td><td>yes</td></tr>
 * <tr><td>1001 going away (server restart)</td><td>yes; resume, else authenticate again</td></tr>
 * <tr><td>4009 messages lost (cluster messages for the session are gone)</td><td>yes; authenticate again at once
 * ({@link #onRecoveryFailed} with {@code MESSAGES_LOST})</td></tr>
 * <tr><td>{@link #close()}, 1000, 4001, 4003 auth, 4004, 4005 taken over, 1008, 1009, other codes</td><td>no: {@link #onClose}</td></tr>
 * </table>
 * A socket lost before the first successful authentication is not reconnected; nor is a failed
 * {@link #connect()}. The client owns no state beyond its id counter; the {@link Session} owns the rest.
 */
public final class SwitchboardClient implements AutoCloseable {

    /** Error code of a request, emit, join or leave made while reconnecting with {@code maxQueuedWhileDisconnected} queued. */
    public static final String QUEUE_FULL = "QUEUE_FULL";

    /** Client → server events of the protocol itself, which {@link #emit} refuses. */
    private static final Set<String> RESERVED = Set.of("authenticate", "resume", "heartbeat", "join", "leave",
            "request", "response", "cancel", "presence");

    private final Session session;
    private final AtomicLong ids = new AtomicLong();

    SwitchboardClient(ClientOptions options) {
        Executor executor = options.executor();
        ExecutorService owned = null;
        if (executor == null) {
            owned = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    ClientThreads.daemon("switchboard-client-callback"));
            executor = owned;
        }
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, ClientThreads.daemon("switchboard-client-timer"));
        timers.setRemoveOnCancelPolicy(true);
        ExecutorService ownedCallbacks = owned;
        HttpClient http = options.httpClient() != null ? options.httpClient() : ClientThreads.SharedHttpClient.INSTANCE;
        this.session = new Session(options, http, executor, timers, () -> {
            timers.shutdownNow();
            if (ownedCallbacks != null) {
                ownedCallbacks.shutdown();
            }
        });
    }

    /** Starts building a client for a Switchboard endpoint, e.g. {@code ws://host:8080/ws}. */
    public static SwitchboardClientBuilder builder(URI uri) {
        return new SwitchboardClientBuilder(uri);
    }

    // ---- connection ----

    /** Opens the socket (subprotocol {@code switchboard.v1}); fails if the handshake does (then it may be retried). */
    public CompletableFuture<Void> connect() {
        return session.connect().copy();
    }

    /**
     * Sends {@code authenticate} with these credentials (any JSON-B value, e.g. {@code Map.of("token", jwt)}).
     * Completes on {@code connected}; fails with {@link AuthenticationException} when the server refuses
     * (code {@code AUTHENTICATION_FAILED}, close code 4003) or the socket ends first. Calling it again
     * returns the same attempt.
     */
    public CompletableFuture<Connected> authenticate(Object credentials) {
        return session.authenticate(credentials);
    }

    /** What {@code connected} said, or {@code null} before authentication succeeded. */
    public Connected connected() {
        return session.connected();
    }

    /** True while the socket is open and not being replaced. */
    public boolean isOpen() {
        return session.isOpen();
    }

    /** True while a lost connection is being re-established (frames are queued meanwhile). */
    public boolean isReconnecting() {
        return session.isReconnecting();
    }

    // ---- events ----

    /** Handles an event's data decoded to {@code type}; data that does not fit is reported to {@link #onError}. */
    public <T> SwitchboardClient on(String event, Class<T> type, Consumer<? super T> handler) {
        return on(event, (Type) type, handler);
    }

    /** As {@link #on(String, Class, Consumer)}, for generic types such as {@code List<Item>}. */
    public <T> SwitchboardClient on(String event, Type type, Consumer<? super T> handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        return on(event, payload -> handler.accept(payload.<T>as(type)));
    }

    /** Handles an event with its data as JSON. Several handlers per event run in registration order. */
    public SwitchboardClient on(String event, Consumer<Payload> handler) {
        session.events.add(requireName(event, "event"), Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Removes every handler of an event. */
    public SwitchboardClient off(String event) {
        session.events.removeAll(event);
        return this;
    }

    /**
     * Sends a custom event to the server's message handler, fire-and-forget. The future completes
     * when the frame is written, or fails with {@code DISCONNECTED}; the server's complaints (such
     * as {@code UNKNOWN_EVENT}) arrive at {@link #onError}.
     *
     * @throws IllegalArgumentException for the protocol's own events ({@code request}, {@code join}, ...)
     */
    public CompletableFuture<Void> emit(String event, Object data) {
        if (RESERVED.contains(requireName(event, "event"))) {
            throw new IllegalArgumentException("'" + event + "' is a protocol event; use the client's method for it");
        }
        return send(Envelope.of(event, data));
    }

    // ---- rooms ----

    /** Asks to join rooms; completes with the rooms the client is in now and those the server refused. */
    public CompletableFuture<Rooms> join(String... rooms) {
        return join(Arrays.asList(rooms));
    }

    public CompletableFuture<Rooms> join(Collection<String> rooms) {
        return roomRequest("join", rooms);
    }

    /** Leaves rooms; completes with the rooms the client was in and has left. */
    public CompletableFuture<Rooms> leave(String... rooms) {
        return leave(Arrays.asList(rooms));
    }

    public CompletableFuture<Rooms> leave(Collection<String> rooms) {
        return roomRequest("leave", rooms);
    }

    private CompletableFuture<Rooms> roomRequest(String event, Collection<String> rooms) {
        List<String> names = List.copyOf(rooms);
        return session.rooms.send(nextId(), event, names, session.options().requestTimeout());
    }

    // ---- presence ----

    /**
     * Asks who is in a room the client is in (the server must have presence on for it): every
     * client on every node with its user. Fails with {@code PRESENCE_DISABLED}, {@code NOT_IN_ROOM},
     * {@code REQUEST_TIMEOUT} or {@code DISCONNECTED}; queued while reconnecting, and asked again
     * in a new session when the old one could not be resumed.
     */
    public CompletableFuture<List<Member>> presence(String room) {
        return session.presence.ask(nextId(), requireName(room, "room"), session.options().requestTimeout());
    }

    /** Told, in order with events, who joined and left the client's rooms that have presence (also {@code on("presence", ..)}). */
    public SwitchboardClient onPresence(PresenceListener listener) {
        Objects.requireNonNull(listener, "listener");
        return on("presence", PresenceRequests.pushes(listener));
    }

    // ---- method RPC ----

    /** Calls a server method with the default timeout and decodes the answer to {@code type}. */
    public <T> CompletableFuture<T> request(String method, Object data, Class<T> type) {
        return request(method, data, type, session.options().requestTimeout(), null);
    }

    /** As {@link #request(String, Object, Class)}, for generic result types. */
    public <T> CompletableFuture<T> request(String method, Object data, Type type) {
        return request(method, data, type, session.options().requestTimeout(), null);
    }

    /** Calls a server method with its own timeout. */
    public <T> CompletableFuture<T> request(String method, Object data, Class<T> type, Duration timeout) {
        return request(method, data, type, timeout, null);
    }

    public <T> CompletableFuture<T> request(String method, Object data, Class<T> type, Duration timeout,
                                            Consumer<Payload> progress) {
        return request(method, data, (Type) type, timeout, progress);
    }

    /**
     * Calls a server method. The future completes with the answer decoded to {@code type}, or fails
     * with an {@link RpcException}: the server's code ({@code METHOD_NOT_FOUND},
     * {@code INVALID_MESSAGE_FORMAT}, {@code INTERNAL_ERROR}, {@code REQUEST_TIMEOUT},
     * {@code TOO_MANY_REQUESTS}, an application code), {@code REQUEST_TIMEOUT} when no answer came
     * within {@code timeout} (the server is then sent {@code cancel}), {@code REQUEST_CANCELLED} after
     * {@link #cancel}, or {@code DISCONNECTED}. Cancelling the future itself also cancels the request
     * on the server.
     *
     * @param timeout  how long to wait; {@code null} or zero: no client-side limit (the server's still applies)
     * @param progress receives the request's {@code notification}s, in order and before the future completes; may be null
     */
    public <T> CompletableFuture<T> request(String method, Object data, Type type, Duration timeout,
                                            Consumer<Payload> progress) {
        requireName(method, "method");
        Objects.requireNonNull(type, "type");
        if (!session.accepting()) {
            return CompletableFuture.failedFuture(new RpcException(ErrorCodes.DISCONNECTED, "Not connected"));
        }
        String id = nextId();
        Calls.Call call = session.calls.open(id, method, type, timeout, progress);
        CompletableFuture<Void> sent;
        try {
            sent = session.send(new Envelope("request", data, id, method, null, null));
        } catch (RuntimeException e) {
            session.calls.fail(id, new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT,
                    "The data of '" + method + "' cannot be encoded as JSON"));
            return typed(call);
        }
        sent.whenComplete((ignored, failure) -> {
            if (failure != null) {
                session.calls.fail(id, Calls.asRpc(failure));
            }
        });
        return typed(call);
    }

    /**
     * Cancels a request returned by {@code request}: the server is sent {@code cancel} (its handler
     * sees the cancellation) and the future fails at once with {@code REQUEST_CANCELLED}.
     *
     * @return false if the future is not a request in flight
     */
    public boolean cancel(CompletableFuture<?> request) {
        return session.calls.cancel(request);
    }

    /** Answers the server's requests for {@code method} (see {@link ClientMethodHandler}); replaces an earlier handler. */
    public SwitchboardClient method(String method, ClientMethodHandler handler) {
        session.methods.register(method, handler);
        return this;
    }

    /** Stops answering {@code method}; the server then gets {@code METHOD_NOT_FOUND}. */
    public SwitchboardClient removeMethod(String method) {
        session.methods.unregister(method);
        return this;
    }

    // ---- lifecycle ----

    /**
     * Told once when the client is finished, with the close code (after the pending requests
     * failed): the client closed, the server ended the connection for good, or reconnecting gave up
     * (then the code of the loss that started it). A connection that is being re-established is not
     * closed.
     */
    public SwitchboardClient onClose(CloseListener listener) {
        session.listeners.close.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Told before each reconnect attempt, with its number (from 1 per loss) and the backoff delay before it. */
    public SwitchboardClient onReconnecting(ReconnectingListener listener) {
        session.listeners.reconnecting.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Told when the session was resumed on a new socket, with the number of messages the server
     * replays (delivered to the handlers right after, in order, none twice). Queued frames are sent.
     */
    public SwitchboardClient onResumed(IntConsumer listener) {
        session.listeners.resumed.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Told when the session could not be resumed, with the reason ({@code RESUME_DISABLED},
     * {@code INVALID_TOKEN} (e.g. expired), {@code MESSAGES_LOST}, {@code STATE_REJECTED},
     * {@code SESSION_UNAVAILABLE} (its node is gone)): messages sent meanwhile are lost and requests
     * in flight have failed with {@code DISCONNECTED}; it authenticates again unless {@code reauthenticate(false)}.
     */
    public SwitchboardClient onRecoveryFailed(Consumer<String> listener) {
        session.listeners.recoveryFailed.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Told when automatic re-authentication started a new server session (new id), after rooms were asked for again. */
    public SwitchboardClient onReauthenticated(Consumer<Connected> listener) {
        session.listeners.reauthenticated.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Told about problems that belong to no future: the server's {@code error} events that answer
     * nothing pending, handlers that threw, events whose data did not fit, socket failures.
     */
    public SwitchboardClient onError(Consumer<Throwable> listener) {
        session.listeners.error.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Closes with 1000: requests in flight fail with {@code DISCONNECTED}, timers stop, the close listeners run. Idempotent. */
    @Override
    public void close() {
        session.close();
    }

    // ---- helpers ----

    private CompletableFuture<Void> send(Envelope envelope) {
        CompletableFuture<Void> sent;
        try {
            sent = session.send(envelope);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        sent.whenComplete((ignored, failure) -> Dispatch.run(session.executor(), () -> {
            if (failure == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(Calls.asRpc(failure));
            }
        }));
        return result;
    }

    private String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> typed(Calls.Call call) {
        return (CompletableFuture<T>) (CompletableFuture<?>) call.future;
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " name is required");
        }
        return name;
    }
}
