package dev.switchboard.core.internal.hub;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.core.internal.connection.Connection;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The hub's two periodic sweeps on its timer thread: the heartbeat sweep (every heartbeat
 * interval: a connection idle past the heartbeat timeout is suspended, or closed with 4002; the
 * relays are swept too) and, with resumption on, the session sweep (suspended sessions whose TTL
 * ran out end with 4006; attached ones get a fresh token when due). Stateless; neither blocks on a
 * socket. {@code relaySweep} is the relays' own sweep, given the sweep's {@code System.nanoTime()}.
 */
public record Sweeps(HubContext context, Lifecycle lifecycle, Suspensions suspensions, LongConsumer relaySweep) {

    /** Schedules both sweeps on {@code timers}. */
    public void start(ScheduledExecutorService timers) {
        long idleMillis = context.config().heartbeatInterval().toMillis();
        timers.scheduleAtFixedRate(Lifecycle.guarded("heartbeat sweep", this::idle), idleMillis, idleMillis,
                TimeUnit.MILLISECONDS);
        if (suspensions.enabled()) {
            long sessionMillis = suspensions.sweepPeriod().toMillis();
            timers.scheduleAtFixedRate(Lifecycle.guarded("session sweep", this::sessions), sessionMillis,
                    sessionMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void idle() {
        long now = System.nanoTime();
        relaySweep.accept(now);
        long limit = context.config().heartbeatTimeout().toNanos();
        for (Connection connection : context.registry().all()) {
            ClientState state = connection.state();
            if (state != ClientState.DISCONNECTED && state != ClientState.SUSPENDED && connection.idleNanos(now) > limit) {
                context.debug().error("{} heartbeat timeout", connection.id());
                if (!suspensions.suspend(connection, connection.link(), CloseCodes.HEARTBEAT_TIMEOUT,
                        "Heartbeat timeout", true)) {
                    lifecycle.terminate(connection, Lifecycle.OPEN, CloseCodes.HEARTBEAT_TIMEOUT, "Heartbeat timeout", null);
                }
            }
        }
    }

    private void sessions() {
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        for (Connection connection : context.registry().all()) {
            if (suspensions.expire(connection, nowNanos)) {
                context.debug().connection("{} session expired", connection.id());
                lifecycle.ended(connection, ClientState.SUSPENDED, CloseCodes.SESSION_EXPIRED, "Session expired");
            } else {
                suspensions.refreshToken(connection, nowMillis);
            }
        }
    }
}
