package dev.switchboard.core.internal.presence;

import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.internal.codec.Envelopes;
import dev.switchboard.core.internal.codec.FailureLog;
import dev.switchboard.core.internal.codec.Inbound;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.codec.MalformedMessageException;
import dev.switchboard.core.internal.connection.Connection;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Answers a member's {@code presence {room}} request with every member of the room on every node,
 * or an {@code error} with the request's id: {@code PRESENCE_DISABLED} (the room has no presence),
 * {@code NOT_IN_ROOM} (the asker is not a member), {@code TOO_MANY_REQUESTS} (more than
 * {@code maxInFlight} of its lookups pending), {@code INTERNAL_ERROR} (the store could not be read).
 * The checks run on the caller's (container) thread; the store read, which may wait for Redis, runs
 * on the pool and the answer is queued from there.
 *
 * <p>The only state, each connection's count of pending lookups, is a concurrent map whose entries
 * are removed when they reach zero.
 */
public final class PresenceQueries {

    private static final FailureLog FAILURES = new FailureLog(LoggerFactory.getLogger(PresenceQueries.class));
    private static final Comparator<PresencePayloads.Member> ORDER = Comparator
            .comparing(PresencePayloads.Member::userId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(PresencePayloads.Member::clientId);

    private final PresenceRule rule;
    private final PresenceStore store;
    private final JsonCodec codec;
    private final Executor pool;
    private final int maxInFlight;
    private final ConcurrentHashMap<Connection, Integer> inFlight = new ConcurrentHashMap<>();

    public PresenceQueries(PresenceRule rule, PresenceStore store, JsonCodec codec, Executor pool, int maxInFlight) {
        this.rule = rule;
        this.store = store;
        this.codec = codec;
        this.pool = pool;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Handles a {@code presence} frame of an authenticated connection.
     *
     * @throws MalformedMessageException when its data is not {@code {"room": "<non-empty string>"}}
     */
    public void answer(Connection connection, Inbound message) throws MalformedMessageException {
        String room = room(message);
        String id = message.id();
        if (!rule.matches(room)) {
            error(connection, ErrorCodes.PRESENCE_DISABLED, "Room '" + room + "' has no presence", id);
        } else if (!connection.inRoom(room)) {
            error(connection, ErrorCodes.NOT_IN_ROOM, "Join '" + room + "' before asking who is in it", id);
        } else if (!begin(connection)) {
            error(connection, ErrorCodes.TOO_MANY_REQUESTS,
                    "At most " + maxInFlight + " presence requests in flight", id);
        } else {
            try {
                pool.execute(() -> lookup(connection, room, id));
            } catch (RejectedExecutionException e) {
                end(connection);
                error(connection, ErrorCodes.INTERNAL_ERROR, "Presence is not available", id);
            }
        }
    }

    private void lookup(Connection connection, String room, String id) {
        try {
            List<PresencePayloads.Member> members = store.roomMembers(room).stream()
                    .map(member -> new PresencePayloads.Member(member.clientId(), member.userId()))
                    .sorted(ORDER).toList();
            connection.deliver(codec.frame(new Envelope("presence", new PresencePayloads.Answer(room, members), id,
                    null, null, null)));
        } catch (RuntimeException e) {
            FAILURES.unexpected("Reading the presence of a room failed", e);
            error(connection, ErrorCodes.INTERNAL_ERROR, "Presence is not available", id);
        } finally {
            end(connection);
        }
    }

    private boolean begin(Connection connection) {
        boolean[] admitted = new boolean[1];
        inFlight.compute(connection, (key, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < maxInFlight;
            return admitted[0] ? now + 1 : count;
        });
        return admitted[0];
    }

    private void end(Connection connection) {
        inFlight.computeIfPresent(connection, (key, count) -> count <= 1 ? null : count - 1);
    }

    private void error(Connection connection, String code, String text, String id) {
        connection.enqueue(codec.frame(Envelopes.error(code, text, id)));
    }

    private static String room(Inbound message) throws MalformedMessageException {
        if (message.json() instanceof JsonObject data && data.get("room") instanceof JsonString room
                && !room.getString().isEmpty()) {
            return room.getString();
        }
        throw new MalformedMessageException("'presence' needs data {\"room\": \"<name>\"}", message.id());
    }
}
