package dev.switchboard.client;

import jakarta.json.JsonValue;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One server request being answered by this client. Thread-safe; the cancel flag, the cancel
 * actions and the handler's pending stage are guarded by this object's monitor.
 */
final class IncomingCall implements ServerRequest {

    private static final System.Logger LOG = System.getLogger(IncomingCall.class.getName());

    private final String id;
    private final String method;
    private final Payload data;
    private final Executor executor;
    private final List<Runnable> cancelActions = new ArrayList<>();
    private boolean cancelled;
    private CompletionStage<?> pending;

    IncomingCall(String id, String method, JsonValue data, Codec codec, Executor executor) {
        this.id = id;
        this.method = method;
        this.data = new Payload(data, codec);
        this.executor = executor;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public <T> T payload(Class<T> type) {
        return data.as(type);
    }

    @Override
    public <T> T payload(Type type) {
        return data.as(type);
    }

    @Override
    public Payload data() {
        return data;
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                cancelActions.add(action);
                return;
            }
        }
        Dispatch.run(executor, () -> runQuietly(action));
    }

    /** The handler returned a stage: cancelled together with the request if it is a future. */
    void pending(CompletionStage<?> stage) {
        boolean already;
        synchronized (this) {
            pending = stage;
            already = cancelled;
        }
        if (already) {
            stop(stage);
        }
    }

    /** The server gave up, or the connection ended: run the cancel actions, stop the handler's future. */
    void cancel() {
        List<Runnable> actions;
        CompletionStage<?> stage;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(cancelActions);
            cancelActions.clear();
            stage = pending;
        }
        stop(stage);
        actions.forEach(action -> Dispatch.run(executor, () -> runQuietly(action)));
    }

    private static void stop(CompletionStage<?> stage) {
        if (stage instanceof java.util.concurrent.Future<?> future) {
            future.cancel(false);
        }
    }

    private void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A cancel action of server request " + id + " failed", e);
        }
    }
}
