package dev.switchboard.core.internal.rpc;

import dev.switchboard.core.internal.limits.Limit;
import dev.switchboard.core.internal.metrics.Metrics;
import dev.switchboard.api.ClientState;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.Interceptor;
import dev.switchboard.api.RpcException;
import dev.switchboard.core.internal.codec.Envelopes;
import dev.switchboard.core.internal.codec.Inbound;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.connection.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Method RPC in both directions for one hub: client {@code request}/{@code cancel} frames are run
 * through the interceptors and the method's handler with a timeout; server requests to a client
 * wait for its {@code response}. Both directions are bounded per connection and forgotten when the
 * connection ends. Thread-safe: per-connection state lives in two {@link CallTable}s.
 */
public final class RpcDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);

    private final JsonCodec codec;
    private final Metrics metrics;
    private final MethodRegistry methods;
    private final ScheduledExecutorService timers;
    private final Duration defaultTimeout;
    private final CallTable<ServerCall> incoming;
    private final CallTable<PendingReply> outgoing;
    private final AtomicLong outgoingIds = new AtomicLong();

    public RpcDispatcher(JsonCodec codec, MethodRegistry methods, ScheduledExecutorService timers,
                         Duration defaultTimeout, int maxInFlightPerConnection) {
        this(codec, methods, timers, defaultTimeout, maxInFlightPerConnection, Metrics.NONE);
    }

    /** With {@code metrics} timing every answered client call and counting in-flight refusals. */
    public RpcDispatcher(JsonCodec codec, MethodRegistry methods, ScheduledExecutorService timers,
                         Duration defaultTimeout, int maxInFlightPerConnection, Metrics metrics) {
        this.metrics = metrics;
        this.codec = codec;
        this.methods = methods;
        this.timers = timers;
        this.defaultTimeout = defaultTimeout;
        this.incoming = new CallTable<>(maxInFlightPerConnection);
        this.outgoing = new CallTable<>(maxInFlightPerConnection);
    }

    // ---- client → server ----

    /** A client {@code request}: validate, bound, intercept, run the handler, time out if it has not answered. */
    public void onRequest(Connection connection, Inbound message) {
        String id = message.id();
        if (id == null) {
            sendError(connection, ErrorCodes.INVALID_MESSAGE_FORMAT, "A request needs an 'id'", null);
            return;
        }
        String name = message.method();
        if (name == null || name.isEmpty()) {
            send(connection, Envelopes.failedResponse(id, ErrorCodes.INVALID_MESSAGE_FORMAT, "A request needs a 'method'"));
            return;
        }
        MethodRegistry.Registration method = methods.lookup(name);
        if (method == null) {
            send(connection, Envelopes.failedResponse(id, ErrorCodes.METHOD_NOT_FOUND, "Unknown method '" + name + "'"));
            return;
        }
        ServerCall[] self = new ServerCall[1];
        ServerCall call = new ServerCall(connection, message, codec,
                () -> {
                    incoming.remove(connection, id, self[0]);
                    metrics.rpcCall(self[0].errorCode(), self[0].elapsedNanos());
                });
        self[0] = call;
        switch (incoming.put(connection, id, call)) {
            case DUPLICATE -> {
                sendError(connection, ErrorCodes.INVALID_MESSAGE_FORMAT, "Request id '" + id + "' is already in flight", id);
                return;
            }
            case FULL -> {
                metrics.limit(Limit.RPC_IN_FLIGHT);
                send(connection, Envelopes.failedResponse(id, ErrorCodes.TOO_MANY_REQUESTS, "Too many requests in flight"));
                return;
            }
            case CLOSED -> {
                return;
            }
            case ADDED -> {
            }
        }
        invoke(call, method);
        if (!call.isAnswered()) {
            // most handlers answer before they return and need no timer; the deadline counts from the request's arrival
            Duration timeout = method.timeout() != null ? method.timeout() : defaultTimeout;
            Duration left = timeout.minusNanos(call.elapsedNanos());
            call.timer(schedule(() -> call.cancel(ErrorCodes.REQUEST_TIMEOUT,
                    "No answer within " + timeout.toMillis() + " ms", true), left.isNegative() ? Duration.ZERO : left));
        }
    }

    private void invoke(ServerCall call, MethodRegistry.Registration method) {
        try {
            for (Interceptor interceptor : methods.interceptors()) {
                interceptor.intercept(call);
                if (call.isAnswered()) {
                    return;
                }
            }
            Object result = method.handler().handle(call);
            if (call.isAnswered()) {
                return;
            }
            if (result instanceof CompletionStage<?> stage) {
                call.answer(stage);
            } else if (result != null) {
                call.success(result);
            }
        } catch (Exception e) {
            call.fail(e);
        }
    }

    /** A client {@code cancel} of its own request: the handler sees the cancellation, the answer is REQUEST_CANCELLED. */
    public void onCancel(Connection connection, Inbound message) {
        if (message.id() == null) {
            sendError(connection, ErrorCodes.INVALID_MESSAGE_FORMAT, "A cancel needs an 'id'", null);
            return;
        }
        ServerCall call = incoming.get(connection, message.id());
        if (call != null) {
            call.cancel(ErrorCodes.REQUEST_CANCELLED, "Cancelled by the client", true);
        }
    }

    // ---- server → client ----

    /**
     * Sends a request to the client and completes with its answer decoded to {@code resultType}, or
     * exceptionally with an {@link RpcException}: the client's error code, REQUEST_TIMEOUT (the
     * client is then sent {@code cancel}), DISCONNECTED, or TOO_MANY_REQUESTS. Dependent actions
     * run on the common pool, never on a container thread.
     */
    public <T> CompletableFuture<T> request(Connection connection, String method, Object data, Type resultType,
                                            Duration timeout) {
        if (connection == null || connection.state() != ClientState.AUTHENTICATED
                && connection.state() != ClientState.SUSPENDED) {
            return CompletableFuture.failedFuture(new RpcException(ErrorCodes.DISCONNECTED, "Client is not connected"));
        }
        String id = "s" + outgoingIds.incrementAndGet();
        PendingReply pending = new PendingReply(method, resultType);
        CallTable.Put put = outgoing.put(connection, id, pending);
        if (put != CallTable.Put.ADDED) {
            return CompletableFuture.failedFuture(put == CallTable.Put.FULL
                    ? new RpcException(ErrorCodes.TOO_MANY_REQUESTS, "Too many requests in flight to this client")
                    : new RpcException(ErrorCodes.DISCONNECTED, "Client is not connected"));
        }
        pending.timer = schedule(() -> {
            if (outgoing.remove(connection, id, pending)) {
                send(connection, Envelopes.cancel(id));
                completeExceptionally(pending, new RpcException(ErrorCodes.REQUEST_TIMEOUT,
                        "Client did not answer '" + method + "' within " + timeout.toMillis() + " ms"));
            }
        }, timeout);
        if (!send(connection, Envelopes.request(id, method, data)) && outgoing.remove(connection, id, pending)) {
            completeExceptionally(pending, new RpcException(ErrorCodes.DISCONNECTED, "Client is not connected"));
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<T> typed = (CompletableFuture<T>) (CompletableFuture<?>) pending.future;
        return typed.whenCompleteAsync((value, failure) -> { });
    }

    /** A client {@code response} to a server request. */
    public void onResponse(Connection connection, Inbound message) {
        if (message.id() == null) {
            sendError(connection, ErrorCodes.INVALID_MESSAGE_FORMAT, "A response needs an 'id'", null);
            return;
        }
        PendingReply pending = outgoing.remove(connection, message.id());
        if (pending == null) {
            LOG.debug("Response {} from client {} matches no pending request (late or unknown)", message.id(), connection.id());
            return;
        }
        if (message.error() != null) {
            completeExceptionally(pending, new RpcException(message.error().code(), message.error().message()));
            return;
        }
        Object value;
        try {
            value = codec.convert(message.json(), message.text(), pending.resultType);
        } catch (IllegalArgumentException e) {
            completeExceptionally(pending, new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT,
                    "Response to '" + pending.method + "' does not fit " + pending.resultType.getTypeName()));
            return;
        }
        stopTimer(pending);
        pending.future.complete(value);
    }

    // ---- lifecycle ----

    /** The connection ended: running handlers see a cancellation, waiting server requests fail with DISCONNECTED. */
    public void connectionClosed(Connection connection) {
        incoming.removeAll(connection).values()
                .forEach(call -> call.cancel(ErrorCodes.DISCONNECTED, "Client disconnected", false));
        outgoing.removeAll(connection).values()
                .forEach(pending -> completeExceptionally(pending, new RpcException(ErrorCodes.DISCONNECTED,
                        "Client disconnected before answering '" + pending.method + "'")));
    }

    /** Connections with requests in flight in either direction (for leak checks). */
    public int requestsInFlight() {
        return incoming.size() + outgoing.size();
    }

    private void completeExceptionally(PendingReply pending, RpcException failure) {
        stopTimer(pending);
        pending.future.completeExceptionally(failure);
    }

    private static void stopTimer(PendingReply pending) {
        Future<?> timer = pending.timer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Requests, responses and cancels are replayable: a session numbers and keeps them. */
    private boolean send(Connection connection, dev.switchboard.api.Envelope envelope) {
        return connection.deliver(codec.frame(envelope));
    }

    private void sendError(Connection connection, String code, String message, String id) {
        connection.enqueue(codec.frame(Envelopes.error(code, message, id)));
    }

    private Future<?> schedule(Runnable task, Duration delay) {
        try {
            return timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }
}
