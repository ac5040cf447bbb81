package dev.switchboard.core.cluster;

import dev.switchboard.api.PresenceStore;
import dev.switchboard.api.PresenceStore.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Presence in Redis with node leases. Keys (under the prefix):
 * <ul>
 *   <li>{@code <prefix>:node:<serverId>} — the node's lease, a string with a TTL, refreshed on a timer</li>
 *   <li>{@code <prefix>:presence:room:<room>} — a hash of client id to
 *       {@code {"serverId":..,"userId":..}} (see {@link PresenceEntry})</li>
 *   <li>{@code <prefix>:presence:user:<userId>} — a hash of client id to serverId</li>
 * </ul>
 * Queries drop entries whose node has no lease and delete them (only if still holding the value
 * read). A room query answers this node's own members from the mirror, so they show at once; other
 * nodes' members show once their writes reached Redis. Writes go to a local mirror at once and to Redis in order on the store's own thread; when the
 * lease turns out to be gone (Redis restarted or flushed, or the node stalled past the TTL), the
 * node writes its whole mirror again, so presence heals after an outage.
 *
 * <p>The mirror is guarded by this object's monitor; Redis writes and the lease timer run on the
 * store's single thread; queries run on the caller's thread over the pooled client.
 */
public final class RedisPresenceStore implements PresenceStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisPresenceStore.class);
    private static final String DELETE_IF_OWNER =
            "if redis.call('hget', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('hdel', KEYS[1], ARGV[1]) end"
                    + " return 0";
    private static final String ROOM = "room";
    private static final String USER = "user";

    private final String serverId;
    private final ChannelNames names;
    private final long leaseMillis;
    private final UnifiedJedis redis;
    private final ScheduledThreadPoolExecutor writer;
    /** Room → client id → user id, this node's entries. */
    private final Map<String, Map<String, String>> rooms = new HashMap<>();
    private final Map<String, Set<String>> users = new HashMap<>();

    /**
     * Creates the store and takes the lease at once.
     *
     * @param url     Redis URL (see {@link RedisAddress})
     * @param prefix  key prefix shared with the bus ({@code null} for {@code switchboard})
     * @param serverId this node's id, the same as its bus's ({@code null} for a random one)
     * @param lease   how long a silent node's entries stay visible (e.g. 10 s); refreshed every third of it
     */
    public RedisPresenceStore(String url, String prefix, String serverId, Duration lease) {
        this.serverId = serverId == null ? UUID.randomUUID().toString() : serverId;
        this.names = new ChannelNames(prefix == null ? ChannelNames.DEFAULT_PREFIX : prefix);
        this.leaseMillis = lease.toMillis();
        RedisAddress address = RedisAddress.parse(url);
        this.redis = RedisClients.pooled(address, address.clientConfig("switchboard-presence-" + this.serverId, 2_000));
        this.writer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "switchboard-presence-" + this.serverId);
            thread.setDaemon(true);
            return thread;
        });
        long refresh = Math.max(1, leaseMillis / 3);
        writer.scheduleWithFixedDelay(this::refreshLease, 0, refresh, TimeUnit.MILLISECONDS);
    }

    @Override
    public String serverId() {
        return serverId;
    }

    @Override
    public void joined(String room, String clientId, String userId) {
        synchronized (this) {
            rooms.computeIfAbsent(room, key -> new HashMap<>()).put(clientId, userId);
        }
        String key = names.presenceKey(ROOM, room);
        String value = PresenceEntry.encode(serverId, userId);
        write(() -> redis.hset(key, clientId, value));
    }

    @Override
    public void left(String room, String clientId) {
        String userId;
        synchronized (this) {
            Map<String, String> members = rooms.get(room);
            if (members == null || !members.containsKey(clientId)) {
                return;
            }
            userId = members.remove(clientId);
            if (members.isEmpty()) {
                rooms.remove(room);
            }
        }
        String key = names.presenceKey(ROOM, room);
        String value = PresenceEntry.encode(serverId, userId);
        write(() -> redis.eval(DELETE_IF_OWNER, List.of(key), List.of(clientId, value)));
    }

    @Override
    public void online(String userId, String clientId) {
        change(users, USER, userId, clientId, true);
    }

    @Override
    public void offline(String userId, String clientId) {
        change(users, USER, userId, clientId, false);
    }

    /** Other nodes' live members as Redis has them, and this node's from its mirror. */
    @Override
    public List<Member> roomMembers(String room) {
        List<Member> result = new ArrayList<>();
        for (Member member : live(names.presenceKey(ROOM, room))) {
            if (!member.serverId().equals(serverId)) {
                result.add(member);
            }
        }
        synchronized (this) {
            rooms.getOrDefault(room, Map.of()).forEach((clientId, userId) ->
                    result.add(new Member(clientId, userId, serverId)));
        }
        return List.copyOf(result);
    }

    @Override
    public Map<String, String> clientsOf(String userId) {
        Map<String, String> result = new HashMap<>();
        live(names.presenceKey(USER, userId)).forEach(member -> result.put(member.clientId(), member.serverId()));
        return Map.copyOf(result);
    }

    private void change(Map<String, Set<String>> mirror, String kind, String id, String clientId, boolean add) {
        synchronized (this) {
            if (add) {
                mirror.computeIfAbsent(id, key -> new HashSet<>()).add(clientId);
            } else {
                Set<String> clients = mirror.get(id);
                if (clients == null || !clients.remove(clientId)) {
                    return;
                }
                if (clients.isEmpty()) {
                    mirror.remove(id);
                }
            }
        }
        String key = names.presenceKey(kind, id);
        write(() -> {
            if (add) {
                redis.hset(key, clientId, serverId);
            } else {
                redis.eval(DELETE_IF_OWNER, List.of(key), List.of(clientId, serverId));
            }
        });
    }

    /**
     * The entries of a hash whose node holds a lease; the others (and unreadable ones) are deleted.
     * A pooled connection broken by a Redis restart fails its next command once, and the pool then
     * replaces it: such a read is tried once more before the failure reaches the caller.
     */
    private List<Member> live(String key) {
        try {
            return liveOnce(key);
        } catch (JedisConnectionException e) {
            return liveOnce(key);
        }
    }

    private List<Member> liveOnce(String key) {
        Map<String, String> entries = redis.hgetAll(key);
        Map<String, Boolean> alive = new HashMap<>();
        List<Member> result = new ArrayList<>();
        entries.forEach((clientId, value) -> {
            Member member = PresenceEntry.decode(clientId, value);
            if (member != null && alive.computeIfAbsent(member.serverId(), node -> redis.exists(names.leaseKey(node)))) {
                result.add(member);
            } else {
                redis.eval(DELETE_IF_OWNER, List.of(key), List.of(clientId, value));
            }
        });
        return result;
    }

    private void refreshLease() {
        try {
            String lease = names.leaseKey(serverId);
            if (redis.pexpire(lease, leaseMillis) == 1) {
                return;
            }
            redis.set(lease, Long.toString(System.currentTimeMillis()), SetParams.setParams().px(leaseMillis));
            rewriteMirror();
        } catch (RuntimeException e) {
            LOG.warn("Refreshing the presence lease of {} failed: {}", serverId, e.toString());
        }
    }

    /** Writes every local entry again (after the lease was lost, Redis may have lost them too). */
    private void rewriteMirror() {
        forEachLocalEntry((key, field) -> redis.hset(key, field[0], field[1]));
    }

    /**
     * Calls {@code action} with the Redis key and the field (client id) and value this node writes
     * there, for every entry of the local mirror, outside the lock.
     */
    private void forEachLocalEntry(BiConsumer<String, String[]> action) {
        List<String[]> entries = new ArrayList<>();
        synchronized (this) {
            rooms.forEach((room, clients) -> clients.forEach((c, userId) -> entries.add(
                    new String[] {names.presenceKey(ROOM, room), c, PresenceEntry.encode(serverId, userId)})));
            users.forEach((user, clients) -> clients.forEach(c -> entries.add(
                    new String[] {names.presenceKey(USER, user), c, serverId})));
        }
        entries.forEach(entry -> action.accept(entry[0], new String[] {entry[1], entry[2]}));
    }

    private void write(Runnable command) {
        try {
            writer.execute(() -> {
                try {
                    command.run();
                } catch (RuntimeException e) {
                    LOG.debug("Presence write failed; the next lease renewal after an outage rewrites it: {}",
                            e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Presence store closed; write ignored");
        }
    }

    /** Stops the lease timer without cleaning up, as a crashed node would: the entries expire with the lease. */
    void halt() {
        writer.shutdownNow();
        redis.close();
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
            forEachLocalEntry((key, field) -> redis.eval(DELETE_IF_OWNER, List.of(key), List.of(field[0], field[1])));
            redis.del(names.leaseKey(serverId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Removing the presence entries of {} failed; they expire with its lease: {}", serverId,
                    e.toString());
        } finally {
            redis.close();
        }
    }
}
