package dev.switchboard.core.internal.rpc;

import dev.switchboard.api.Client;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RequestContext;
import dev.switchboard.api.RpcException;
import dev.switchboard.core.internal.codec.Envelopes;
import dev.switchboard.core.internal.codec.Inbound;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.connection.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One client request being handled: answered exactly once (an atomic flag), cancellable by the
 * client or the timeout. The cancel actions list is guarded by this object's monitor; everything
 * else is immutable or atomic, so any thread may answer.
 */
final class ServerCall implements RequestContext {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCall.class);

    private final String id;
    private final String method;
    private final Connection connection;
    private final Inbound request;
    private final JsonCodec codec;
    private final Runnable onAnswered;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final List<Runnable> cancelActions = new ArrayList<>();
    private volatile boolean cancelled;
    private volatile Future<?> timer;
    private final long startedNanos = System.nanoTime();
    private volatile String errorCode;

    /** @param request the client's {@code request} frame, its id and method checked */
    ServerCall(Connection connection, Inbound request, JsonCodec codec, Runnable onAnswered) {
        this.id = request.id();
        this.method = request.method();
        this.connection = connection;
        this.request = request;
        this.codec = codec;
        this.onAnswered = onAnswered;
    }

    void timer(Future<?> timer) {
        this.timer = timer;
        if (answered.get() && timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public String requestId() {
        return id;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Client client() {
        return connection;
    }

    @Override
    public <T> T payload(Class<T> type) {
        return payload((Type) type);
    }

    @Override
    public <T> T payload(Type type) {
        try {
            return request.data(type);
        } catch (IllegalArgumentException e) {
            throw new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT,
                    "Payload of '" + method + "' does not fit " + simpleName(type));
        }
    }

    @Override
    public String rawPayload() {
        return request.rawData();
    }

    @Override
    public boolean success(Object result) {
        // the request's own data handed back (an echo) is written as the client sent it
        return finish(null, () -> codec.response(id, result, result == request.json() ? request.text() : null));
    }

    @Override
    public boolean error(String code, String message) {
        return finish(code, () -> codec.frame(Envelopes.failedResponse(id, code, message)));
    }

    @Override
    public void answer(CompletionStage<?> result) {
        result.whenComplete((value, failure) -> {
            if (failure == null) {
                success(value);
            } else {
                fail(failure);
            }
        });
    }

    @Override
    public void notification(Object progress) {
        if (!answered.get()) {
            connection.deliver(codec.frame(Envelopes.notification(id, progress)));
        }
    }

    @Override
    public boolean isAnswered() {
        return answered.get();
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                cancelActions.add(action);
            }
        }
        if (runNow) {
            runQuietly(action);
        }
    }

    /** Answers from a thrown or completed failure: an {@link RpcException} keeps its code, anything else is internal. */
    void fail(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RpcException rpc) {
            error(rpc.code(), rpc.getMessage());
        } else {
            LOG.warn("Method '{}' failed for client {}", method, connection.id(), cause);
            error(ErrorCodes.INTERNAL_ERROR, "Internal error");
        }
    }

    /** Marks the call cancelled, runs the cancel actions, then answers with {@code code} (when an answer is still wanted). */
    void cancel(String code, String message, boolean answer) {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled || answered.get()) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(cancelActions);
            cancelActions.clear();
        }
        actions.forEach(ServerCall::runQuietly);
        if (answer) {
            error(code, message);
        } else {
            answered.set(true);
            stopTimer();
        }
    }

    /** @param code the error code of the answer, null for a success; {@code frame} is encoded only for the first answer */
    private boolean finish(String code, Supplier<OutboundFrame> frame) {
        if (!answered.compareAndSet(false, true)) {
            LOG.debug("Late answer to request {} ('{}') of client {} dropped", id, method, connection.id());
            return false;
        }
        stopTimer();
        errorCode = code;
        onAnswered.run();
        connection.deliver(frame.get());
        return true;
    }

    /** The answer's error code, null for a success (read once answered). */
    String errorCode() {
        return errorCode;
    }

    long elapsedNanos() {
        return System.nanoTime() - startedNanos;
    }

    private void stopTimer() {
        Future<?> current = timer;
        if (current != null) {
            current.cancel(false);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Cancel action failed", e);
        }
    }

    private static String simpleName(Type type) {
        return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    }
}
