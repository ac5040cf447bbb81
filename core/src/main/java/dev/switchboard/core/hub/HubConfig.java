package dev.switchboard.core.hub;

import dev.switchboard.api.OverflowPolicy;
import dev.switchboard.core.hub.Resumption;

import java.time.Duration;
import java.util.List;

/**
 * The hub's settings, fixed when it is built.
 *
 * @param defaultRooms      rooms every client joins on authentication (besides its own id room)
 * @param authTimeout       time from open to a completed authentication; then close 4001 (or 4003 while the authenticator is pending)
 * @param heartbeatInterval period of the inactivity sweep
 * @param heartbeatTimeout  inactivity after which a connection is closed with 4002
 * @param maxMessageBytes   largest accepted inbound text frame (UTF-8 bytes); larger → close 1009
 * @param maxQueuedBytes    bound of each connection's outbound queue (UTF-8 bytes)
 * @param overflowPolicy    what a full outbound queue does: close 1013 or drop the message
 * @param closeTimeout      how long a polite close waits for queued frames before closing anyway
 * @param maxRoomsPerClient how many rooms a client may be in at once by its own join requests
 * @param requestTimeout    default time an RPC method (either direction) has to answer
 * @param maxInFlightRequests RPC requests in flight per connection and direction
 * @param debug             colored debug log of connections, events and errors
 * @param resumption        session tokens, disconnection TTL and replay buffer bounds; off by default
 * @param limits            abuse limits: message rate, authentication attempts, connections per user, address and node
 */
public record HubConfig(List<String> defaultRooms,
                        Duration authTimeout,
                        Duration heartbeatInterval,
                        Duration heartbeatTimeout,
                        int maxMessageBytes,
                        long maxQueuedBytes,
                        OverflowPolicy overflowPolicy,
                        Duration closeTimeout,
                        int maxRoomsPerClient,
                        Duration requestTimeout,
                        int maxInFlightRequests,
                        boolean debug,
                        Resumption resumption,
                        Limits limits) {

    public static final List<String> DEFAULT_ROOMS = List.of("ws-default", "ws-notification");

    public HubConfig {
        defaultRooms = List.copyOf(defaultRooms);
        requirePositive(authTimeout, "authTimeout");
        requirePositive(heartbeatInterval, "heartbeatInterval");
        requirePositive(heartbeatTimeout, "heartbeatTimeout");
        requirePositive(closeTimeout, "closeTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxMessageBytes <= 0 || maxQueuedBytes <= 0 || maxRoomsPerClient <= 0 || maxInFlightRequests <= 0) {
            throw new IllegalArgumentException(
                    "maxMessageBytes, maxQueuedBytes, maxRoomsPerClient and maxInFlightRequests must be positive");
        }
        if (overflowPolicy == null) {
            throw new IllegalArgumentException("overflowPolicy must be set");
        }
        if (resumption == null) {
            throw new IllegalArgumentException("resumption must be set (Resumption.disabled() to turn it off)");
        }
        resumption.validate();
        if (limits == null) {
            throw new IllegalArgumentException("limits must be set (Limits.none() to turn them off)");
        }
    }

    /** The documented defaults. */
    public static HubConfig defaults() {
        return new HubConfig(DEFAULT_ROOMS, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(90),
                64 * 1024, 1024 * 1024, OverflowPolicy.CLOSE, Duration.ofSeconds(5), 256, Duration.ofSeconds(30), 64,
                false, Resumption.disabled(), Limits.defaults());
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
        }
    }
}
