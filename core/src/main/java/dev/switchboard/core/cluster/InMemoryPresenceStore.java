package dev.switchboard.core.cluster;

import dev.switchboard.api.PresenceStore;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Presence of a single node kept in memory (the default without Redis): no leases, since the node
 * and its entries live and die together. State is guarded by this object's monitor.
 */
public final class InMemoryPresenceStore implements PresenceStore {

    private final String serverId;
    private final Map<String, Set<String>> rooms = new HashMap<>();
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
    public synchronized void joined(String room, String clientId) {
        rooms.computeIfAbsent(room, key -> new HashSet<>()).add(clientId);
    }

    @Override
    public synchronized void left(String room, String clientId) {
        remove(rooms, room, clientId);
    }

    @Override
    public synchronized void online(String userId, String clientId) {
        users.computeIfAbsent(userId, key -> new HashSet<>()).add(clientId);
    }

    @Override
    public synchronized void offline(String userId, String clientId) {
        remove(users, userId, clientId);
    }

    @Override
    public synchronized Map<String, String> members(String room) {
        return tagged(rooms.get(room));
    }

    @Override
    public synchronized Map<String, String> clientsOf(String userId) {
        return tagged(users.get(userId));
    }

    @Override
    public synchronized void close() {
        rooms.clear();
        users.clear();
    }

    private Map<String, String> tagged(Set<String> clients) {
        Map<String, String> result = new HashMap<>();
        if (clients != null) {
            clients.forEach(clientId -> result.put(clientId, serverId));
        }
        return Map.copyOf(result);
    }

    private static void remove(Map<String, Set<String>> index, String id, String clientId) {
        Set<String> clients = index.get(id);
        if (clients != null && clients.remove(clientId) && clients.isEmpty()) {
            index.remove(id);
        }
    }
}
