package dev.switchboard.core.internal.hub;

import dev.switchboard.api.RoomValidator;
import dev.switchboard.core.hub.HubConfig;
import dev.switchboard.core.internal.codec.Inbound;
import dev.switchboard.core.internal.codec.MalformedMessageException;
import dev.switchboard.core.internal.codec.ProtocolPayloads;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.presence.PresenceQueries;
import dev.switchboard.core.internal.rooms.RoomIndex;
import dev.switchboard.core.internal.rooms.RoomNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client's own {@code join}/{@code leave} requests: name rules, the {@link RoomValidator}
 * (none installed: every join refused), and the per-client room bound; {@code presence} requests
 * go to {@link PresenceQueries}. Thread-safe; the only
 * state is a flag so the missing-validator warning is logged once.
 */
public final class RoomRequests {

    private static final Logger LOG = LoggerFactory.getLogger(RoomRequests.class);

    private final HubConfig config;
    private final RoomValidator validator;
    private final ConnectionRegistry registry;
    private final RoomIndex rooms;
    private final PresenceQueries presence;
    private final AtomicBoolean warnedNoValidator = new AtomicBoolean();

    public RoomRequests(HubConfig config, RoomValidator validator, ConnectionRegistry registry, RoomIndex rooms,
                        PresenceQueries presence) {
        this.config = config;
        this.validator = validator;
        this.registry = registry;
        this.rooms = rooms;
        this.presence = presence;
    }

    /** Who is in a room: answered later, off the caller's thread (see {@link PresenceQueries}). */
    public void presence(Connection connection, Inbound message) throws MalformedMessageException {
        presence.answer(connection, message);
    }

    public ProtocolPayloads.Rooms join(Connection connection, List<String> requested) throws Exception {
        if (requested.size() > config.maxRoomsPerClient()) {
            throw new MalformedMessageException("At most " + config.maxRoomsPerClient() + " rooms per request");
        }
        Set<String> candidates = new LinkedHashSet<>();
        List<String> rejected = new ArrayList<>();
        for (String name : requested) {
            if (RoomNames.isWellFormed(name) && !isAnotherClient(connection, name)) {
                candidates.add(name);
            } else {
                rejected.add(name);
            }
        }
        Set<String> allowed = allowed(connection, List.copyOf(candidates));
        List<String> joined = new ArrayList<>();
        for (String name : candidates) {
            boolean member = connection.inRoom(name);
            if (allowed.contains(name) && (member || hasRoomFor(connection) && rooms.join(connection, name))) {
                joined.add(name);
            } else {
                rejected.add(name);
            }
        }
        return new ProtocolPayloads.Rooms(joined, rejected);
    }

    public ProtocolPayloads.Rooms leave(Connection connection, List<String> requested) {
        List<String> left = new ArrayList<>();
        for (String name : new LinkedHashSet<>(requested)) {
            if (!name.equals(connection.id()) && rooms.leave(connection, name)) {
                left.add(name);
            }
        }
        return new ProtocolPayloads.Rooms(left, null);
    }

    private Set<String> allowed(Connection connection, List<String> candidates) throws Exception {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        if (validator == null) {
            if (warnedNoValidator.compareAndSet(false, true)) {
                LOG.warn("A client asked to join rooms but no RoomValidator is installed: every client join is refused");
            }
            return Set.of();
        }
        Collection<String> answer = validator.allowedRooms(connection, candidates);
        return answer == null ? Set.of() : new HashSet<>(answer);
    }

    private boolean hasRoomFor(Connection connection) {
        // The client's own room and the default rooms do not count against its bound.
        return connection.roomCount() < config.maxRoomsPerClient() + 1 + config.defaultRooms().size();
    }

    private boolean isAnotherClient(Connection connection, String name) {
        return !name.equals(connection.id()) && registry.containsClient(name);
    }
}
