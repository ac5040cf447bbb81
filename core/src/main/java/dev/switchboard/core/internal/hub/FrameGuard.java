package dev.switchboard.core.internal.hub;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.WireError;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.limits.Allowance;
import dev.switchboard.core.internal.limits.Limit;
import dev.switchboard.core.internal.limits.Limiter;
import dev.switchboard.core.internal.metrics.Metrics;

/**
 * The {@link InboundRouter}'s first step: counts each client frame and checks it against its
 * socket's {@link Allowance}. A frame over the rate is answered {@code error RATE_LIMITED} unread; a
 * client past the flood limit, or past its authentication attempts, is closed with 1008 after that
 * error. Stateless; the budget lives on each socket's link.
 */
final class FrameGuard {

    private static final WireError FLOODING = new WireError(ErrorCodes.RATE_LIMITED,
            "Too many messages: the connection is closed");
    private static final WireError TOO_MANY_ATTEMPTS = new WireError(ErrorCodes.RATE_LIMITED,
            "Too many authentication attempts on this connection");

    private final Lifecycle lifecycle;
    private final Limiter limiter;
    private final Metrics metrics;

    FrameGuard(HubContext context, Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.limiter = context.limiter();
        this.metrics = context.metrics();
    }

    /** Counts a frame; false when it must not be processed (refused, or the connection was closed for it). */
    boolean admit(Connection connection, String text) {
        metrics.messageIn(text);
        Allowance allowance = connection.link().allowance();
        if (allowance == null) {
            return true;
        }
        switch (allowance.frame(System.nanoTime())) {
            case ADMIT -> {
                return true;
            }
            case REFUSE -> {
                limiter.hit(Limit.RATE, connection.id());
                lifecycle.sendError(connection, ErrorCodes.RATE_LIMITED, "Too many messages: slow down", null);
                return false;
            }
            default -> {
                limiter.hit(Limit.FLOOD, connection.id());
                lifecycle.terminate(connection, Lifecycle.OPEN, CloseCodes.POLICY_VIOLATION, "Rate limit exceeded",
                        FLOODING);
                return false;
            }
        }
    }

    /** Counts an {@code authenticate} or {@code resume}; false (and closed with 1008) past the socket's attempts. */
    boolean attempt(Connection connection) {
        Allowance allowance = connection.link().allowance();
        if (allowance == null || allowance.attempt()) {
            return true;
        }
        limiter.hit(Limit.AUTH_ATTEMPTS, connection.id());
        lifecycle.terminate(connection, Lifecycle.OPEN, CloseCodes.POLICY_VIOLATION, "Too many authentication attempts",
                TOO_MANY_ATTEMPTS);
        return false;
    }
}
