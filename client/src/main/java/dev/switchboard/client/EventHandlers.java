package dev.switchboard.client;

import dev.switchboard.api.internal.SerialExecutor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The application's event handlers, by event name, run on the client's lane so each client sees
 * its events in the order the server sent them. A handler that throws is reported to the error
 * listeners and the others still run. Thread-safe; the map and its lists are concurrent.
 */
final class EventHandlers {

    private final Map<String, List<Consumer<Payload>>> handlers = new ConcurrentHashMap<>();
    private final SerialExecutor lane;
    private final Consumer<Throwable> errors;

    EventHandlers(SerialExecutor lane, Consumer<Throwable> errors) {
        this.lane = lane;
        this.errors = errors;
    }

    void add(String event, Consumer<Payload> handler) {
        handlers.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(handler);
    }

    void removeAll(String event) {
        handlers.remove(event);
    }

    boolean has(String event) {
        List<Consumer<Payload>> list = handlers.get(event);
        return list != null && !list.isEmpty();
    }

    /** Queues the event for its handlers; unknown events with no handler are dropped. */
    void dispatch(String event, Payload payload) {
        List<Consumer<Payload>> list = handlers.get(event);
        if (list == null || list.isEmpty()) {
            return;
        }
        lane.execute(() -> {
            for (Consumer<Payload> handler : list) {
                try {
                    handler.accept(payload);
                } catch (RuntimeException e) {
                    errors.accept(new IllegalStateException("Handler of '" + event + "' failed", e));
                }
            }
        });
    }
}
