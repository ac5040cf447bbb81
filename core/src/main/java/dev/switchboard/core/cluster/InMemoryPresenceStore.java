package dev.switchboard.core.cluster;

import dev.switchboard.api.PresenceStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Presence of a single node kept in memory (the default without Redis): no leases, since the node
 * and its entries live and die together. State is guarded by this object's monitor.
 */
public final class InMemoryPresenceStore implements PresenceStore {

    private final String serverId;
    /** Room → client id → user id. */
    private final Map<String, Map<String, String>> rooms = new HashMap<>();
    private final Map<String, Set<String>> users = new HashMap<>();

    public InMemoryPresenceStore() {
        this(UUID.randomUUID().toString());
    }

    public InMemoryPresenceStore(String serverId) {
        this.serverId = serverId;
    }

    @Override
    public String serverId() {
        return serverId;
    }

    @Override
    public synchronized void joined(String room, String clientId, String userId) {
        rooms.computeIfAbsent(room, key -> new HashMap<>()).put(clientId, userId);
    }

    @Override
    public synchronized void left(String room, String clientId) {
        Map<String, String> members = rooms.get(room);
        if (members != null && members.containsKey(clientId)) {
            members.remove(clientId);
            if (members.isEmpty()) {
                rooms.remove(room);
            }
        }
    }

    @Override
    public synchronized void online(String userId, String clientId) {
        users.computeIfAbsent(userId, key -> new HashSet<>()).add(clientId);
    }

    @Override
    public synchronized void offline(String userId, String clientId) {
        Set<String> clients = users.get(userId);
        if (clients != null && clients.remove(clientId) && clients.isEmpty()) {
            users.remove(userId);
        }
    }

    @Override
    public synchronized List<Member> roomMembers(String room) {
        List<Member> result = new ArrayList<>();
        rooms.getOrDefault(room, Map.of()).forEach((clientId, userId) ->
                result.add(new Member(clientId, userId, serverId)));
        return List.copyOf(result);
    }

    @Override
    public synchronized Map<String, String> clientsOf(String userId) {
        Map<String, String> result = new HashMap<>();
        users.getOrDefault(userId, Set.of()).forEach(clientId -> result.put(clientId, serverId));
        return Map.copyOf(result);
    }

    @Override
    public synchronized void close() {
        rooms.clear();
        users.clear();
    }
}
