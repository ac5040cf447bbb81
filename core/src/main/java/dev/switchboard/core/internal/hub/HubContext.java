package dev.switchboard.core.internal.hub;

import dev.switchboard.core.hub.HubConfig;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.crypto.Encryption;
import dev.switchboard.core.internal.delivery.LocalDelivery;
import dev.switchboard.core.internal.limits.Limiter;
import dev.switchboard.core.internal.metrics.Metrics;
import dev.switchboard.core.internal.rooms.RoomIndex;

/**
 * What every part of one hub shares: its settings and hooks, the codec, the indexes of
 * connections and rooms, local delivery, the debug log, per-client encryption, the metrics and the
 * limits. Immutable; each part is thread-safe.
 */
public record HubContext(HubConfig config, Hooks hooks, JsonCodec codec, ConnectionRegistry registry,
                         RoomIndex rooms, LocalDelivery delivery, DebugLog debug, Encryption encryption,
                         Metrics metrics, Limiter limiter) {
}
