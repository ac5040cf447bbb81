package dev.switchboard.api;

import java.util.Objects;
import java.util.Set;

/**
 * One message travelling between nodes over a {@link ClusterBus}. Immutable.
 *
 * <p>{@code data} is the payload already encoded as JSON text (any JSON value, {@code "null"} for
 * none), so a receiving node wraps it into its envelope once and sends the same frame to every
 * local recipient without decoding or re-encoding it.
 *
 * @param origin  serverId of the publishing node (an Emitter uses its own unique id)
 * @param channel where it was published
 * @param event   the event name delivered to clients
 * @param data    the payload as JSON text
 * @param exclude client ids that must not receive it (room and broadcast messages); never {@code null}
 */
public record ClusterMessage(String origin, ClusterChannel channel, String event, String data, Set<String> exclude) {

    public ClusterMessage {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(channel, "channel");
        if (event == null || event.isEmpty()) {
            throw new IllegalArgumentException("event must be a non-empty string");
        }
        data = data == null ? "null" : data;
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
    }
}
