package dev.switchboard.core.cluster;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.SafeEncoder;

import java.util.List;

/**
 * Which master serves each of the 16384 hash slots of a Redis Cluster, read with CLUSTER SLOTS from
 * the first seed that answers. Immutable once loaded.
 */
final class SlotMap {

    static final int SLOTS = 16384;

    private final HostAndPort[] owners;

    private SlotMap(HostAndPort[] owners) {
        this.owners = owners;
    }

    /**
     * Loads the map.
     *
     * @throws IllegalStateException when no seed answers or some slot has no master
     */
    static SlotMap load(List<HostAndPort> seeds, JedisClientConfig config) {
        RuntimeException last = null;
        for (HostAndPort seed : seeds) {
            try (Jedis jedis = new Jedis(seed, config)) {
                return parse(jedis.clusterSlots());
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no Redis Cluster seed answered CLUSTER SLOTS", last);
    }

    private static SlotMap parse(List<Object> ranges) {
        HostAndPort[] owners = new HostAndPort[SLOTS];
        for (Object entry : ranges) {
            List<?> range = (List<?>) entry;
            List<?> master = (List<?>) range.get(2);
            HostAndPort node = new HostAndPort(SafeEncoder.encode((byte[]) master.get(0)),
                    ((Long) master.get(1)).intValue());
            for (long slot = (Long) range.get(0); slot <= (Long) range.get(1); slot++) {
                owners[(int) slot] = node;
            }
        }
        for (HostAndPort owner : owners) {
            if (owner == null) {
                throw new IllegalStateException("Redis Cluster has slots without a master");
            }
        }
        return new SlotMap(owners);
    }

    HostAndPort ownerOf(String channel) {
        return owners[JedisClusterCRC16.getSlot(channel)];
    }
}
