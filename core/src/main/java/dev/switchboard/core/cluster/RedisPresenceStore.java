package dev.switchboard.core.cluster;

import dev.switchboard.api.PresenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
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
 *   <li>{@code <prefix>:presence:room:<room>} — a hash of client id to serverId</li>
 *   <li>{@code <prefix>:presence:user:<userId>} — a hash of client id to serverId</li>
 * </ul>
 * Queries drop entries whose node has no lease and delete them (only if still owned by that node).
 * Writes go to a local mirror at once and to Redis in order on the store's own thread; when the
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
    private final Map<String, Set<String>> rooms = new HashMap<>();
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
    public void joined(String room, String clientId) {
        change(rooms, ROOM, room, clientId, true);
    }

    @Override
    public void left(String room, String clientId) {
        change(rooms, ROOM, room, clientId, false);
    }

    @Override
    public void online(String userId, String clientId) {
        change(users, USER, userId, clientId, true);
    }

    @Override
    public void offline(String userId, String clientId) {
        change(users, USER, userId, clientId, false);
    }

    @Override
    public Map<String, String> members(String room) {
        return live(names.presenceKey(ROOM, room));
    }

    @Override
    public Map<String, String> clientsOf(String userId) {
        return live(names.presenceKey(USER, userId));
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

    private Map<String, String> live(String key) {
        Map<String, String> entries = redis.hgetAll(key);
        Map<String, Boolean> alive = new HashMap<>();
        Map<String, String> result = new HashMap<>();
        entries.forEach((clientId, owner) -> {
            if (alive.computeIfAbsent(owner, node -> redis.exists(names.leaseKey(node)))) {
                result.put(clientId, owner);
            } else {
                redis.eval(DELETE_IF_OWNER, List.of(key), List.of(clientId, owner));
            }
        });
        return Map.copyOf(result);
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
        forEachLocalEntry((key, clientId) -> redis.hset(key, clientId, serverId));
    }

    /** Calls {@code action} with the Redis key and client id of every entry of the local mirror, outside the lock. */
    private void forEachLocalEntry(BiConsumer<String, String> action) {
        List<String[]> entries = new ArrayList<>();
        synchronized (this) {
            rooms.forEach((room, clients) -> clients.forEach(c -> entries.add(
                    new String[] {names.presenceKey(ROOM, room), c})));
            users.forEach((user, clients) -> clients.forEach(c -> entries.add(
                    new String[] {names.presenceKey(USER, user), c})));
        }
        entries.forEach(entry -> action.accept(entry[0], entry[1]));
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
            forEachLocalEntry((key, clientId) -> redis.eval(DELETE_IF_OWNER, List.of(key), List.of(clientId, serverId)));
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
