package dev.switchboard.core.cluster;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisAddressTest {

    @Test
    void plainTlsCredentialsAndDatabase() {
        RedisAddress plain = RedisAddress.parse("redis://localhost");
        assertEquals(List.of(new HostAndPort("localhost", 6379)), plain.nodes());
        assertFalse(plain.tls() || plain.cluster());
        assertNull(plain.password());

        RedisAddress full = RedisAddress.parse("rediss://app:s%40cret@redis.example:6380/2");
        assertTrue(full.tls());
        assertEquals("app", full.user());
        assertEquals("s@cret", full.password());
        assertEquals(2, full.database());
        assertEquals(new HostAndPort("redis.example", 6380), full.nodes().get(0));

        RedisAddress passwordOnly = RedisAddress.parse("redis://:pw@h:1");
        assertNull(passwordOnly.user());
        assertEquals("pw", passwordOnly.password());
    }

    @Test
    void clusterSeeds() {
        RedisAddress cluster = RedisAddress.parse("redis-cluster://a:7000, b:7001,[::1]:7002");
        assertTrue(cluster.cluster());
        assertEquals(List.of(new HostAndPort("a", 7000), new HostAndPort("b", 7001), new HostAndPort("::1", 7002)),
                cluster.nodes());
        assertTrue(RedisAddress.parse("rediss-cluster://a:1").tls());
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse("http://a"));
        assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse("localhost:6379"));
        assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse("redis://a:1,b:2"));
        assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse("redis-cluster://a:1/3"));
        assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse("redis://a:port"));
    }
}
