package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterChannel;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.redis.RedisClusterHarness;
import dev.switchboard.core.testing.redis.RedisServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code isConnected()} of the buses and {@code Hub.clusterConnected()}: what readiness checks read. */
class RedisBusConnectedTest {

    @Test
    void theInMemoryBusIsAlwaysConnected() {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build();
        try {
            assertTrue(hub.clusterConnected());
            assertTrue(new InMemoryBus().isConnected());
        } finally {
            hub.shutdown();
        }
    }

    @Test
    void aSingleServerBusIsConnectedWhileItsSubscriberIs() {
        try (RedisServer redis = RedisServer.start()) {
            RedisBus bus = RedisBus.builder(redis.url()).serverId("probe")
                    .backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
            try {
                assertFalse(bus.isConnected(), "not before start");
                bus.start(new Inbox());
                Eventually.until("connected", bus::isConnected);
                redis.stop();
                Eventually.until("disconnected once Redis is gone", () -> !bus.isConnected());
                redis.restart();
                Eventually.until("connected again", bus::isConnected);
            } finally {
                bus.close();
            }
        }
    }

    @Test
    void aShardedBusIsConnectedOnceEveryShardItReadsIsSubscribed() {
        Assumptions.assumeTrue(RedisServer.majorVersion() >= 7, "sharded pub/sub needs Redis 7");
        try (RedisClusterHarness cluster = RedisClusterHarness.start(3)) {
            RedisBus bus = RedisBus.builder(cluster.url()).serverId("probe")
                    .backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
            try {
                bus.start(new Inbox());
                for (int i = 0; i < 20; i++) {
                    bus.subscribe(ClusterChannel.room("room-" + i));
                }
                Eventually.until("every shard subscribed", () -> bus.isConnected() && bus.subscriberConnections() >= 2,
                        Duration.ofSeconds(20));
            } finally {
                bus.close();
            }
        }
    }
}
