package dev.switchboard.client;

import dev.switchboard.api.internal.SerialExecutor;
import dev.switchboard.api.RpcException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The application's connection listeners: the final close, errors that belong to no future, and
 * reconnection ({@code onReconnecting}, {@code onResumed}, {@code onRecoveryFailed},
 * {@code onReauthenticated}). Each is told on the client's lane, in order with events, never on a
 * socket thread; a listener that throws is logged and the others still run. Thread-safe; the lists
 * are concurrent.
 */
final class ClientListeners {

    private static final System.Logger LOG = System.getLogger(ClientListeners.class.getName());

    final List<CloseListener> close = new CopyOnWriteArrayList<>();
    final List<Consumer<Throwable>> error = new CopyOnWriteArrayList<>();
    final List<ReconnectingListener> reconnecting = new CopyOnWriteArrayList<>();
    final List<IntConsumer> resumed = new CopyOnWriteArrayList<>();
    final List<Consumer<String>> recoveryFailed = new CopyOnWriteArrayList<>();
    final List<Consumer<Connected>> reauthenticated = new CopyOnWriteArrayList<>();
    private final SerialExecutor lane;

    ClientListeners(SerialExecutor lane) {
        this.lane = lane;
    }

    void closed(int code, String reason) {
        tell(close, listener -> listener.onClose(code, reason));
    }

    void error(Throwable failure) {
        if (error.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Client error (no error listener): " + failure,
                    failure instanceof RpcException ? null : failure);
            return;
        }
        tell(error, listener -> listener.accept(failure));
    }

    void reconnecting(int attempt, Duration delay) {
        tell(reconnecting, listener -> listener.onReconnecting(attempt, delay));
    }

    void resumed(int replayed) {
        tell(resumed, listener -> listener.accept(replayed));
    }

    void recoveryFailed(String reason) {
        tell(recoveryFailed, listener -> listener.accept(reason));
    }

    void reauthenticated(Connected connected) {
        tell(reauthenticated, listener -> listener.accept(connected));
    }

    private <L> void tell(List<L> listeners, Consumer<L> call) {
        if (listeners.isEmpty()) {
            return;
        }
        lane.execute(() -> {
            for (L listener : listeners) {
                try {
                    call.accept(listener);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "A connection listener failed", e);
                }
            }
        });
    }
}
