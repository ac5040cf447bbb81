package dev.switchboard.core.cluster;

import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

import java.util.HashSet;

/** Creates the pooled Jedis client for an address: a {@link RedisClient} or a {@link RedisClusterClient}. Stateless. */
final class RedisClients {

    private RedisClients() {
    }

    static UnifiedJedis pooled(RedisAddress address, JedisClientConfig config) {
        return address.cluster()
                ? RedisClusterClient.builder().nodes(new HashSet<>(address.nodes())).clientConfig(config).build()
                : RedisClient.builder().hostAndPort(address.nodes().get(0)).clientConfig(config).build();
    }
}
