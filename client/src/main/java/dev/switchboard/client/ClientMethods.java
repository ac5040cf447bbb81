package dev.switchboard.client;

import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;
import dev.switchboard.api.WireError;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The methods the server may call on this client, and the server requests being answered now.
 * Handlers run on the client's event lane (in order with events); each request is answered once
 * with a {@code response}, unless the server cancelled it first. Thread-safe; both maps are
 * concurrent and an answer is sent only by whoever removes the request from the in-flight map.
 */
final class ClientMethods {

    private static final System.Logger LOG = System.getLogger(ClientMethods.class.getName());

    private final Map<String, ClientMethodHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, IncomingCall> inFlight = new ConcurrentHashMap<>();
    private final Codec codec;
    private final Executor lane;
    private final Executor executor;
    private final Function<Envelope, CompletableFuture<Void>> sender;

    ClientMethods(Codec codec, Executor lane, Executor executor, Function<Envelope, CompletableFuture<Void>> sender) {
        this.codec = codec;
        this.lane = lane;
        this.executor = executor;
        this.sender = sender;
    }

    void register(String method, ClientMethodHandler handler) {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("method name is required");
        }
        handlers.put(method, Objects.requireNonNull(handler, "handler"));
    }

    void unregister(String method) {
        handlers.remove(method);
    }

    /** A server {@code request}. */
    void onRequest(Codec.Frame frame) {
        String id = frame.id();
        if (id == null) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring a server request without an id");
            return;
        }
        ClientMethodHandler handler = frame.method() == null ? null : handlers.get(frame.method());
        if (handler == null) {
            send(id, null, new WireError(ErrorCodes.METHOD_NOT_FOUND, "Unknown method '" + frame.method() + "'"));
            return;
        }
        IncomingCall call = new IncomingCall(id, frame.method(), frame.data(), codec, executor);
        if (inFlight.putIfAbsent(id, call) != null) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring server request {0}: that id is already in flight", id);
            return;
        }
        lane.execute(() -> invoke(call, handler));
    }

    /** A server {@code cancel}: the request is dropped unanswered and its cancel actions run. */
    void onCancel(Codec.Frame frame) {
        IncomingCall call = frame.id() == null ? null : inFlight.remove(frame.id());
        if (call != null) {
            call.cancel();
        }
    }

    /** The connection ended: every request being answered is cancelled. */
    void cancelAll() {
        for (IncomingCall call : inFlight.values()) {
            if (inFlight.remove(call.id(), call)) {
                call.cancel();
            }
        }
    }

    private void invoke(IncomingCall call, ClientMethodHandler handler) {
        if (call.isCancelled()) {
            return;
        }
        Object result;
        try {
            result = handler.handle(call);
        } catch (Exception e) {
            answer(call, null, e);
            return;
        }
        if (result instanceof CompletionStage<?> stage) {
            call.pending(stage);
            stage.whenComplete((value, failure) -> answer(call, value, failure));
        } else {
            answer(call, result, null);
        }
    }

    private void answer(IncomingCall call, Object value, Throwable failure) {
        if (!inFlight.remove(call.id(), call)) {
            return;
        }
        if (failure == null) {
            send(call.id(), value, null);
            return;
        }
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RpcException rpc) {
            send(call.id(), null, new WireError(rpc.code(), rpc.getMessage() == null ? "" : rpc.getMessage()));
        } else {
            LOG.log(System.Logger.Level.WARNING, "Method '" + call.method() + "' failed on this client", cause);
            send(call.id(), null, new WireError(ErrorCodes.INTERNAL_ERROR, "Internal error"));
        }
    }

    private void send(String id, Object data, WireError error) {
        Envelope response = new Envelope("response", data, id, null, error, null);
        try {
            sender.apply(response);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Answer to server request " + id + " could not be encoded", e);
            sender.apply(new Envelope("response", null, id, null,
                    new WireError(ErrorCodes.INTERNAL_ERROR, "Internal error"), null));
        }
    }
}
