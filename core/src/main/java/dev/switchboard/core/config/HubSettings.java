package dev.switchboard.core.config;

import dev.switchboard.api.encryption.EncryptionMode;
import dev.switchboard.core.cluster.RedisAddress;
import dev.switchboard.core.cluster.RedisBusBuilder;
import dev.switchboard.core.hub.HubBuilder;
import dev.switchboard.core.hub.HubConfig;
import dev.switchboard.core.hub.Limits;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.internal.crypto.Encryption;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.PatternSyntaxException;

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
        cluster(settings, builder);
        presence(settings, builder);
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
                .debug(settings.bool("SWITCHBOARD_DEBUG", defaults.debug()))
                .encryption(encryption(settings))
                .encryptedBatchLimit(settings.integer("SWITCHBOARD_ENCRYPTED_BATCH_LIMIT", Encryption.DEFAULT_BATCH_LIMIT,
                        1, Integer.MAX_VALUE))
                .resumption(resumption(settings))
                .limits(limits(settings));
    }

    /**
     * The abuse limits: {@code SWITCHBOARD_MESSAGE_RATE} (frames per second per socket, 0: off),
     * {@code SWITCHBOARD_MESSAGE_BURST}, {@code SWITCHBOARD_FLOOD_LIMIT}, {@code SWITCHBOARD_MAX_AUTH_ATTEMPTS},
     * {@code SWITCHBOARD_MAX_CONNECTIONS_PER_USER}, {@code SWITCHBOARD_MAX_CONNECTIONS_PER_ADDRESS},
     * {@code SWITCHBOARD_MAX_CONNECTIONS} (0: no limit), {@code SWITCHBOARD_TRUSTED_PROXY_HEADER} and
     * {@code SWITCHBOARD_TRUSTED_PROXIES} (comma-separated peer IPs whose header is believed).
     */
    private static Limits limits(Settings settings) {
        Limits defaults = Limits.defaults();
        String header = settings.text("SWITCHBOARD_TRUSTED_PROXY_HEADER", null);
        List<String> proxies = settings.list("SWITCHBOARD_TRUSTED_PROXIES", List.of());
        if (header == null && !proxies.isEmpty()) {
            throw new IllegalArgumentException("SWITCHBOARD_TRUSTED_PROXIES is set but SWITCHBOARD_TRUSTED_PROXY_HEADER is not");
        }
        if (header != null && proxies.isEmpty()) {
            throw new IllegalArgumentException("SWITCHBOARD_TRUSTED_PROXY_HEADER is set but SWITCHBOARD_TRUSTED_PROXIES"
                    + " is not: name the proxies whose header is believed");
        }
        Limits limits = defaults
                .messageRate(settings.integer("SWITCHBOARD_MESSAGE_RATE", defaults.messagesPerSecond(), 0, Integer.MAX_VALUE),
                        settings.integer("SWITCHBOARD_MESSAGE_BURST", defaults.messageBurst(), 1, Integer.MAX_VALUE))
                .floodLimit(settings.integer("SWITCHBOARD_FLOOD_LIMIT", defaults.floodLimit(), 0, Integer.MAX_VALUE))
                .maxAuthAttempts(settings.integer("SWITCHBOARD_MAX_AUTH_ATTEMPTS", defaults.maxAuthAttempts(), 1, Integer.MAX_VALUE))
                .maxConnectionsPerUser(settings.integer("SWITCHBOARD_MAX_CONNECTIONS_PER_USER",
                        defaults.maxConnectionsPerUser(), 0, Integer.MAX_VALUE))
                .maxConnectionsPerAddress(settings.integer("SWITCHBOARD_MAX_CONNECTIONS_PER_ADDRESS",
                        defaults.maxConnectionsPerAddress(), 0, Integer.MAX_VALUE))
                .maxConnections(settings.integer("SWITCHBOARD_MAX_CONNECTIONS", defaults.maxConnections(), 0, Integer.MAX_VALUE));
        return header == null ? limits : limits.trustedProxy(header, proxies);
    }

    /**
     * {@code SWITCHBOARD_REDIS_URL} puts the bus and presence on Redis (channel and key prefix
     * {@code SWITCHBOARD_REDIS_PREFIX}, default {@code switchboard}; cluster log
     * {@code SWITCHBOARD_CLUSTER_LOG_SIZE} entries per origin, 0 for none, expiring
     * {@code SWITCHBOARD_CLUSTER_LOG_TTL_MS} after the origin's last publish); unset, both stay in memory.
     */
    private static void cluster(Settings settings, HubBuilder builder) {
        String url = settings.text("SWITCHBOARD_REDIS_URL", null);
        String prefix = settings.text("SWITCHBOARD_REDIS_PREFIX", null);
        if (url == null) {
            for (String dependent : List.of("SWITCHBOARD_REDIS_PREFIX", "SWITCHBOARD_CLUSTER_LOG_SIZE",
                    "SWITCHBOARD_CLUSTER_LOG_TTL_MS")) {
                if (settings.has(dependent)) {
                    throw new IllegalArgumentException(dependent + " is set but SWITCHBOARD_REDIS_URL is not");
                }
            }
            return;
        }
        try {
            RedisAddress.parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SWITCHBOARD_REDIS_URL: " + e.getMessage(), e);
        }
        try {
            builder.redis(url, prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SWITCHBOARD_REDIS_PREFIX: " + e.getMessage(), e);
        }
        builder.clusterLog(settings.integer("SWITCHBOARD_CLUSTER_LOG_SIZE", RedisBusBuilder.DEFAULT_LOG_SIZE, 0,
                        Integer.MAX_VALUE),
                settings.millis("SWITCHBOARD_CLUSTER_LOG_TTL_MS", RedisBusBuilder.DEFAULT_LOG_TTL));
    }

    /** {@code SWITCHBOARD_ENCRYPTION}: {@code off}, {@code optional} (default) or {@code required}. */
    private static EncryptionMode encryption(Settings settings) {
        String value = settings.text("SWITCHBOARD_ENCRYPTION", null);
        try {
            return value == null ? EncryptionMode.OPTIONAL : EncryptionMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SWITCHBOARD_ENCRYPTION: " + e.getMessage(), e);
        }
    }

    /** {@code SWITCHBOARD_PRESENCE_ROOMS}: a regular expression of the rooms with presence; unset, none. */
    private static void presence(Settings settings, HubBuilder builder) {
        String rooms = settings.text("SWITCHBOARD_PRESENCE_ROOMS", null);
        if (rooms != null) {
            try {
                builder.presenceRooms(rooms);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("SWITCHBOARD_PRESENCE_ROOMS is not a regular expression: "
                        + e.getDescription(), e);
            }
        }
    }

    /** Resumption is on when a connection key is set; its other keys alone are a mistake worth stopping for. */
    private static Resumption resumption(Settings settings) {
        String key = settings.text("SWITCHBOARD_CONNECTION_KEY", null);
        if (key == null) {
            for (String dependent : List.of("SWITCHBOARD_DISCONNECTION_TTL_MS", "SWITCHBOARD_BUFFER_SIZE",
                    "SWITCHBOARD_BUFFER_BYTES", "SWITCHBOARD_HANDOVER_TIMEOUT_MS")) {
                if (settings.has(dependent)) {
                    throw new IllegalArgumentException(dependent + " is set but SWITCHBOARD_CONNECTION_KEY is not: "
                            + "resumption needs a connection key of at least " + Resumption.MIN_KEY_BYTES + " bytes");
                }
            }
            return Resumption.disabled();
        }
        if (key.getBytes(StandardCharsets.UTF_8).length < Resumption.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("SWITCHBOARD_CONNECTION_KEY must be at least " + Resumption.MIN_KEY_BYTES
                    + " bytes, was " + key.getBytes(StandardCharsets.UTF_8).length);
        }
        return Resumption.enabled(key)
                .ttl(settings.millis("SWITCHBOARD_DISCONNECTION_TTL_MS", Resumption.DEFAULT_TTL))
                .bufferSize(settings.integer("SWITCHBOARD_BUFFER_SIZE", Resumption.DEFAULT_BUFFER_SIZE, 1, Integer.MAX_VALUE))
                .bufferBytes(settings.number("SWITCHBOARD_BUFFER_BYTES", Resumption.DEFAULT_BUFFER_BYTES, 1, Long.MAX_VALUE))
                .handoverTimeout(settings.millis("SWITCHBOARD_HANDOVER_TIMEOUT_MS", Resumption.DEFAULT_HANDOVER_TIMEOUT));
    }
}
