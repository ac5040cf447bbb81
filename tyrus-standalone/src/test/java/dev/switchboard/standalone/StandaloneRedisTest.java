package dev.switchboard.standalone;

import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.WsClient;
import dev.switchboard.core.testing.redis.RedisServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code SWITCHBOARD_REDIS_URL} and {@code _PREFIX}: two standalone servers on one Redis form a cluster. */
class StandaloneRedisTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final JwtAuthenticator TOKENS = new JwtAuthenticator(SECRET);

    private static StandaloneServer start(String redisUrl) throws IOException {
        StandaloneConfig config = StandaloneConfig.from(Map.of(
                "SWITCHBOARD_PORT", "0",
                "SWITCHBOARD_AUTH_SECRET", SECRET,
                "SWITCHBOARD_REDIS_URL", redisUrl,
                "SWITCHBOARD_REDIS_PREFIX", "edge"));
        return StandaloneServer.start(config, new JwtAuthenticator(config.authSecret()));
    }

    private static WsClient client(StandaloneServer server, String user) {
        WsClient client = WsClient.connect(server.webSocketUri());
        client.emit("authenticate", "{\"token\":\"" + TOKENS.issue(user, Map.of(), Duration.ofMinutes(5)) + "\"}");
        client.await("connected");
        return client;
    }

    @Test
    void twoServersOnOneRedisDeliverToEachOthersClientsUnderThePrefix() throws IOException {
        try (RedisServer redis = RedisServer.start(); Jedis jedis = new Jedis("127.0.0.1", redis.port());
             StandaloneServer one = start(redis.url()); StandaloneServer two = start(redis.url());
             WsClient ann = client(one, "ann"); WsClient ben = client(two, "ben")) {
            Eventually.until("both nodes subscribed under the prefix",
                    () -> jedis.pubsubNumSub("edge:broadcast").get("edge:broadcast") == 2
                            && jedis.pubsubNumSub("edge:user:ben").get("edge:user:ben") == 1);
            assertTrue(jedis.pubsubChannels("edge:node:*").contains("edge:node:" + one.hub().serverId()));

            one.hub().sendToUser("ben", "hello", Map.of("from", "ann"));
            assertEquals("ann", ben.await("hello").getJsonObject("data").getString("from"));
            two.hub().broadcast("news", 1, null);
            ann.await("news");
            Eventually.until("ben online as seen from the other server", () -> one.hub().isOnline("ben"));
        }
    }

    @Test
    void withoutAUrlEverythingStaysInMemoryAndAPrefixAloneIsAMistake() {
        StandaloneServer.hubFor(StandaloneConfig.from(Map.of()), TOKENS).shutdown();
        assertEquals("SWITCHBOARD_REDIS_PREFIX is set but SWITCHBOARD_REDIS_URL is not",
                assertThrows(IllegalArgumentException.class,
                        () -> StandaloneConfig.from(Map.of("SWITCHBOARD_REDIS_PREFIX", "edge"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StandaloneConfig.from(Map.of("SWITCHBOARD_REDIS_URL", "localhost:6379"))).getMessage()
                .startsWith("SWITCHBOARD_REDIS_URL: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.from(Map.of(
                "SWITCHBOARD_REDIS_URL", "redis://localhost", "SWITCHBOARD_REDIS_PREFIX", "has space"))).getMessage()
                .startsWith("SWITCHBOARD_REDIS_PREFIX: "));
    }
}
