package dev.switchboard.core.internal.hub;

import dev.switchboard.core.hub.HubConfig;
import dev.switchboard.core.internal.delivery.LocalDelivery;
import dev.switchboard.api.ClientState;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ConnectionListener;
import dev.switchboard.api.WireError;
import dev.switchboard.core.internal.codec.Envelopes;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionOwner;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.internal.crypto.Encryption;
import dev.switchboard.core.internal.rooms.RoomIndex;
import dev.switchboard.core.internal.rpc.RpcDispatcher;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Ends connections exactly once: moves them to DISCONNECTED, removes them from every index, tells
 * the listeners, and closes the socket after its queued frames (or when the close timeout runs out).
 * A session whose socket is lost without a close frame is suspended instead (see {@link Suspensions}).
 * Stateless itself; the exactly-once rule rests on {@link Connection#disconnect}.
 */
public final class Lifecycle implements ConnectionOwner {

    /** States with a socket in use. */
    public static final EnumSet<ClientState> OPEN =
            EnumSet.of(ClientState.UNAUTHORIZED, ClientState.AUTHENTICATING, ClientState.AUTHENTICATED);
    /** Every state but DISCONNECTED: what an app close, shutdown or end of a session may end. */
    public static final EnumSet<ClientState> LIVE = EnumSet.of(ClientState.UNAUTHORIZED, ClientState.AUTHENTICATING,
            ClientState.AUTHENTICATED, ClientState.SUSPENDED);
    public static final EnumSet<ClientState> SUSPENDED = EnumSet.of(ClientState.SUSPENDED);

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final HubConfig config;
    private final Hooks hooks;
    private final ConnectionRegistry registry;
    private final RoomIndex rooms;
    private final LocalDelivery delivery;
    private final ScheduledExecutorService timers;
    private final RpcDispatcher rpc;
    private final Suspensions suspensions;
    private final DebugLog debug;
    private final Encryption encryption;
    private final Metrics metrics;

    public Lifecycle(HubContext context, ScheduledExecutorService timers, RpcDispatcher rpc, Suspensions suspensions) {
        this.config = context.config();
        this.hooks = context.hooks();
        this.registry = context.registry();
        this.rooms = context.rooms();
        this.delivery = context.delivery();
        this.timers = timers;
        this.rpc = rpc;
        this.suspensions = suspensions;
        this.debug = context.debug();
        this.encryption = context.encryption();
        this.metrics = context.metrics();
    }

    /**
     * Ends the connection if its state is in {@code from}: optionally queues an {@code error} event,
     * cleans up, then closes the socket once queued frames are written.
     *
     * @return false when the connection was not in one of those states (someone else ended it, or it moved on)
     */
    public boolean terminate(Connection connection, EnumSet<ClientState> from, int code, String reason, WireError error) {
        ClientState previous = connection.disconnect(from);
        if (previous == null) {
            return false;
        }
        if (error != null) {
            connection.enqueue(delivery.frame(Envelopes.error(error.code(), error.message(), null)));
        }
        ended(connection, previous, code, reason);
        return true;
    }

    /** After a connection moved from {@code previous} to DISCONNECTED: clean up, then close its socket politely. */
    public void ended(Connection connection, ClientState previous, int code, String reason) {
        cleanup(connection, previous, code, reason);
        closePolitely(connection.link(), code, reason);
    }

    /** Closes a socket after its queued frames, or when the close timeout runs out. */
    public void closePolitely(Link link, int code, String reason) {
        Future<?> deadline = schedule("close deadline of " + link.connection().id(), () -> link.closeNow(code, reason),
                config.closeTimeout());
        if (deadline == null) {
            link.closeNow(code, reason);
            return;
        }
        link.closeTimer(deadline);
        link.flushAndClose(code, reason);
    }

    /** The hub's one timer thread (a daemon); cancelled tasks leave its queue at once. */
    public static ScheduledThreadPoolExecutor newTimers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "switchboard-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    /** Runs a task on the hub's timer thread after a delay; null once the hub has shut its timers down. */
    public Future<?> schedule(String what, Runnable task, Duration delay) {
        try {
            return timers.schedule(guarded(what, task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** A timer task that logs instead of dying (a periodic task would stop), named for diagnostics. */
    public static Runnable guarded(String what, Runnable task) {
        return new Runnable() {
            @Override
            public void run() {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Switchboard {} failed", what, e);
                }
            }

            @Override
            public String toString() {
                return what;
            }
        };
    }

    /**
     * The container reports a socket closed (by the client, the network, or after our close). Only
     * the connection's current socket ends the connection; a session whose socket went away without
     * a close frame (1006, also a failed send) is suspended instead.
     */
    public void transportClosed(Link link, int code, String reason) {
        link.transportClosed();
        if (!link.isCurrent()) {
            return;
        }
        Connection connection = link.connection();
        if (code == CloseCodes.CLOSED_ABNORMALLY && suspensions.suspend(connection, link, code, reason, false)) {
            return;
        }
        ClientState previous = connection.disconnect(OPEN);
        if (previous != null) {
            cleanup(connection, previous, code, reason);
            encryption.ended(connection);
        }
    }

    /** Queues an {@code error} event answering the client (with its request id, if any). */
    public void sendError(Connection connection, String code, String message, String requestId) {
        debug.error("{} error {}: {}", connection.id(), code, message);
        connection.enqueue(delivery.frame(Envelopes.error(code, message, requestId)));
    }

    private void cleanup(Connection connection, ClientState previous, int code, String reason) {
        connection.cancelAuthTimer();
        rooms.leaveAll(connection);
        if (connection.userId() != null) {
            registry.unbindUser(connection);
        }
        registry.remove(connection);
        rpc.connectionClosed(connection);
        metrics.closed(code);
        debug.connection("{} disconnected ({} {})", connection.id(), code, reason);
        if (previous == ClientState.AUTHENTICATED || previous == ClientState.SUSPENDED) {
            notifyListeners(listener -> listener.onDisconnected(connection, code, reason));
        }
    }

    public void notifyListeners(Consumer<ConnectionListener> call) {
        notify(hooks.listeners(), call);
    }

    /** Calls every listener; one that throws is logged and does not stop the others. */
    public static void notify(List<ConnectionListener> listeners, Consumer<ConnectionListener> call) {
        for (ConnectionListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("ConnectionListener {} failed", listener.getClass().getName(), e);
            }
        }
    }

    // ---- ConnectionOwner ----

    @Override
    public void send(Connection connection, String event, Object data) {
        OutboundFrame frame = delivery.frame(event, data);
        if (connection.deliver(frame)) {
            metrics.messagesOut(1, frame.bytes());
        }
    }

    @Override
    public void dropped(Link link) {
        metrics.dropped();
    }

    @Override
    public void close(Connection connection, int code, String reason) {
        terminate(connection, LIVE, code, reason, null);
    }

    /** The queue overflowed and closes the socket with 1013 once its frame in flight is written. */
    @Override
    public void overflowed(Link link) {
        debug.error("{} slow consumer: outbound queue over {} bytes", link.connection().id(), config.maxQueuedBytes());
        if (!link.isCurrent()
                || !terminate(link.connection(), OPEN, CloseCodes.TRY_AGAIN_LATER, "Slow consumer", null)) {
            closePolitely(link, CloseCodes.TRY_AGAIN_LATER, "Slow consumer");
        }
    }

    @Override
    public void sendFailed(Link link, Throwable failure) {
        debug.error("{} send failed: {}", link.connection().id(), failure.toString());
        transportClosed(link, CloseCodes.CLOSED_ABNORMALLY, "Send failed");
    }

    @Override
    public void drained(Link link) {
        Connection connection = link.connection();
        if (link.isCurrent()) {
            debug.event("{} drained", connection.id());
            notifyListeners(listener -> listener.onDrain(connection));
        }
    }
}
