package dev.switchboard.core.config;

import dev.switchboard.core.hub.HubBuilder;
import dev.switchboard.core.hub.HubConfig;

/**
 * Applies the hub's {@code SWITCHBOARD_*} settings to a {@link HubBuilder}, so a standalone
 * server and a WAR are configured by the same keys. Unset keys keep the builder's defaults.
 * Stateless.
 */
public final class HubSettings {

    private HubSettings() {
    }

    /**
     * @return the builder, for chaining
     * @throws IllegalArgumentException naming the key when a value is malformed
     */
    public static HubBuilder apply(Settings settings, HubBuilder builder) {
        HubConfig defaults = HubConfig.defaults();
        return builder
                .defaultRooms(settings.list("SWITCHBOARD_DEFAULT_ROOMS", defaults.defaultRooms()))
                .authTimeout(settings.millis("SWITCHBOARD_AUTH_TIMEOUT_MS", defaults.authTimeout()))
                .heartbeatInterval(settings.millis("SWITCHBOARD_HEARTBEAT_INTERVAL_MS", defaults.heartbeatInterval()))
                .heartbeatTimeout(settings.millis("SWITCHBOARD_HEARTBEAT_TIMEOUT_MS", defaults.heartbeatTimeout()))
                .maxMessageBytes(settings.integer("SWITCHBOARD_MAX_MESSAGE_BYTES", defaults.maxMessageBytes(), 1, Integer.MAX_VALUE))
                .maxQueuedBytes(settings.number("SWITCHBOARD_MAX_QUEUED_BYTES", defaults.maxQueuedBytes(), 1, Long.MAX_VALUE))
                .overflowPolicy(settings.choice("SWITCHBOARD_OVERFLOW_POLICY", defaults.overflowPolicy()))
                .closeTimeout(settings.millis("SWITCHBOARD_CLOSE_TIMEOUT_MS", defaults.closeTimeout()))
                .maxRoomsPerClient(settings.integer("SWITCHBOARD_MAX_ROOMS_PER_CLIENT", defaults.maxRoomsPerClient(), 1, Integer.MAX_VALUE))
                .requestTimeout(settings.millis("SWITCHBOARD_REQUEST_TIMEOUT_MS", defaults.requestTimeout()))
                .maxInFlightRequests(settings.integer("SWITCHBOARD_MAX_IN_FLIGHT_REQUESTS", defaults.maxInFlightRequests(), 1, Integer.MAX_VALUE))
                .debug(settings.bool("SWITCHBOARD_DEBUG", defaults.debug()));
    }
}
