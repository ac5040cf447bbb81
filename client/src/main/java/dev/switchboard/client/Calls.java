package dev.switchboard.client;

import dev.switchboard.api.internal.SerialExecutor;
import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * This client's requests in flight to the server, by id: each waits for its {@code response},
 * may receive {@code notification}s first, and ends exactly once (answer, error, client timeout,
 * cancel or disconnect). Completions run on the callback executor, after the request's earlier
 * notifications. Thread-safe; the table is the only shared state and every ending removes the entry
 * first, so whoever removes it completes it.
 */
final class Calls {

    private static final System.Logger LOG = System.getLogger(Calls.class.getName());

    /** One request in flight. */
    static final class Call {
        final String id;
        final String method;
        final Type type;
        final Consumer<Payload> progress;
        final Executor lane;
        final CompletableFuture<Object> future = new CompletableFuture<>();
        volatile ScheduledFuture<?> timer;

        Call(String id, String method, Type type, Consumer<Payload> progress, Executor lane) {
            this.id = id;
            this.method = method;
            this.type = type;
            this.progress = progress;
            this.lane = lane;
        }
    }

    private final Map<String, Call> inFlight = new ConcurrentHashMap<>();
    private final Codec codec;
    private final Executor executor;
    private final ScheduledExecutorService timers;
    private final Function<Envelope, CompletableFuture<Void>> sender;

    Calls(Codec codec, Executor executor, ScheduledExecutorService timers,
          Function<Envelope, CompletableFuture<Void>> sender) {
        this.codec = codec;
        this.executor = executor;
        this.timers = timers;
        this.sender = sender;
    }

    /** Registers a request and starts its timeout; the caller then sends the frame. */
    Call open(String id, String method, Type type, Duration timeout, Consumer<Payload> progress) {
        Call call = new Call(id, method, type, progress, progress == null ? executor : new SerialExecutor(executor, Runnable::run));
        inFlight.put(id, call);
        call.future.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException && inFlight.remove(id, call)) {
                stopTimer(call);
                sender.apply(cancelFrame(id));
            }
        });
        if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
            call.timer = Dispatch.later(timers, () -> timedOut(call, timeout), timeout.toMillis());
        }
        return call;
    }

    private void timedOut(Call call, Duration timeout) {
        if (inFlight.remove(call.id, call)) {
            sender.apply(cancelFrame(call.id));
            complete(call, null, new RpcException(ErrorCodes.REQUEST_TIMEOUT,
                    "No answer to '" + call.method + "' within " + timeout.toMillis() + " ms"));
        }
    }

    /** A {@code response}: decodes the data into the request's type, or fails with the server's error. */
    void onResponse(Codec.Frame frame) {
        Call call = frame.id() == null ? null : inFlight.remove(frame.id());
        if (call == null) {
            LOG.log(System.Logger.Level.DEBUG, "Response {0} matches no request in flight (late or unknown)", frame.id());
            return;
        }
        if (frame.error() != null) {
            complete(call, null, new RpcException(frame.error().code(), frame.error().message()));
            return;
        }
        try {
            complete(call, codec.decode(frame.data(), call.type), null);
        } catch (RpcException e) {
            complete(call, null, new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT,
                    "Response to '" + call.method + "': " + e.getMessage()));
        }
    }

    /** A {@code notification} for a request: handed to its progress callback, in order. */
    boolean onNotification(Codec.Frame frame) {
        Call call = frame.id() == null ? null : inFlight.get(frame.id());
        if (call == null) {
            return false;
        }
        if (call.progress != null) {
            Payload payload = new Payload(frame.data(), codec);
            Dispatch.run(call.lane, () -> call.progress.accept(payload));
        }
        return true;
    }

    /** Ends a request with an error (an {@code error} frame carrying its id, a failed send). */
    boolean fail(String id, RpcException failure) {
        Call call = id == null ? null : inFlight.remove(id);
        if (call == null) {
            return false;
        }
        complete(call, null, failure);
        return true;
    }

    /**
     * Cancels the request whose future this is: the server is sent {@code cancel}, the future fails
     * with REQUEST_CANCELLED on the calling thread. @return false if it was not in flight
     */
    boolean cancel(CompletableFuture<?> future) {
        for (Call call : inFlight.values()) {
            if (call.future == future && inFlight.remove(call.id, call)) {
                stopTimer(call);
                sender.apply(cancelFrame(call.id));
                call.future.completeExceptionally(new RpcException(ErrorCodes.REQUEST_CANCELLED, "Cancelled by the client"));
                return true;
            }
        }
        return false;
    }

    /** Fails every request in flight, e.g. with DISCONNECTED. */
    void failAll(RpcException failure) {
        failAllExcept(Set.of(), failure);
    }

    /** Fails every request in flight but those whose ids are given (their frames are still queued, not lost). */
    void failAllExcept(Set<String> keep, RpcException failure) {
        for (Call call : inFlight.values()) {
            if (!keep.contains(call.id) && inFlight.remove(call.id, call)) {
                complete(call, null, failure);
            }
        }
    }

    int size() {
        return inFlight.size();
    }

    private void complete(Call call, Object value, Throwable failure) {
        stopTimer(call);
        Dispatch.run(call.lane, () -> {
            if (failure == null) {
                call.future.complete(value);
            } else {
                call.future.completeExceptionally(failure);
            }
        });
    }

    private static void stopTimer(Call call) {
        ScheduledFuture<?> timer = call.timer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** A failed send as the RpcException a caller sees: its own if it is one (QUEUE_FULL), else DISCONNECTED. */
    static RpcException asRpc(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RpcException rpc ? rpc : new RpcException(ErrorCodes.DISCONNECTED, "Not connected");
    }

    static Envelope cancelFrame(String id) {
        return new Envelope("cancel", null, id, null, null, null);
    }
}
