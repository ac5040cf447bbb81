package dev.switchboard.core.it.cluster;

import dev.switchboard.api.ClientState;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.SealedClient;
import dev.switchboard.core.testing.cluster.ClusterNode;
import dev.switchboard.core.testing.cluster.Peer;
import dev.switchboard.core.testing.redis.SharedRedis;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An encrypted session of node A resumed through node B (two hubs, one real redis-server): the
 * {@code resumed} frame, the replay and live messages arrive sealed with the session's keys and
 * continuing counters, the client's sealed frames are opened at home, and every frame relayed over
 * Redis for that session is ciphertext (room messages themselves cross Redis as plaintext).
 */
class EncryptedResumeOnAnyNodeTest {

    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();
    private static final String PREFIX = "sealed";

    /** Every message published under the prefix, as Redis carries it. */
    private static final class Tap extends JedisPubSub {
        final List<String> nodeMessages = new CopyOnWriteArrayList<>();
        final CountDownLatch subscribed = new CountDownLatch(1);

        @Override
        public void onPSubscribe(String pattern, int count) {
            subscribed.countDown();
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            if (channel.startsWith(PREFIX + ":node:")) {
                nodeMessages.add(message);
            }
        }
    }

    @Test
    void anEncryptedSessionResumedOnAnotherNodeStaysSealedEndToEnd() throws Exception {
        Tap tap = new Tap();
        Thread listener = new Thread(() -> {
            try (Jedis jedis = new Jedis("127.0.0.1", REDIS.server().port())) {
                jedis.psubscribe(tap, PREFIX + ":*");
            }
        }, "redis-tap");
        listener.setDaemon(true);
        listener.start();
        assertTrue(tap.subscribed.await(10, TimeUnit.SECONDS));

        try (ClusterNode a = node("node-a"); ClusterNode b = node("node-b")) {
            SealedClient alice = SealedClient.connect(a.uri(), "alice");
            String session = Resumes.id(alice.connected());
            alice.send("{\"event\":\"join\",\"data\":{\"rooms\":[\"hall\"]}}");
            long lastSeq = alice.await("joined").getJsonNumber("seq").longValue();
            Peer.awaitSubscribers(REDIS.server().port(), PREFIX + ":room:hall", 1);
            long counter = alice.lastCounter();
            alice.socket().abort();
            Eventually.until("suspended at home", () -> a.hub().client(session)
                    .map(c -> c.state() == ClientState.SUSPENDED).orElse(false));

            b.hub().sendToRoom("hall", "missed", "secret-missed-1", Set.of());
            a.hub().sendToClient(session, "missed", "secret-missed-2");

            alice.resumeOn(b.uri(), Resumes.token(alice.connected()), lastSeq);
            JsonObject resumed = alice.next();
            assertEquals("resumed", resumed.getString("event"), "sealed at home: " + resumed);
            assertTrue(Resumes.recovered(resumed));
            assertEquals(counter + 1, alice.lastCounter(), "the counter continues across the node hop");
            List<String> missed = List.of(alice.await("missed").getString("data"), alice.await("missed").getString("data"));
            assertEquals(Set.of("secret-missed-1", "secret-missed-2"), Set.copyOf(missed));

            alice.send("{\"event\":\"relay\",\"data\":{\"kind\":\"client\",\"target\":\"" + session
                    + "\",\"event\":\"back\",\"data\":\"secret-live-3\"}}");
            assertEquals("secret-live-3", alice.await("back").getString("data"), "opened and handled at home");
            b.hub().sendToRoom("hall", "live", "secret-live-4", Set.of());
            assertEquals("secret-live-4", alice.await("live").getString("data"));
            assertEquals(counter + 5, alice.lastCounter(), "no frame was skipped or sent plain");

            List<String> relayed = tap.nodeMessages.stream().filter(m -> m.contains("relay:out")
                    || m.contains("relay:in")).toList();
            assertFalse(relayed.isEmpty(), "the session's frames crossed Redis");
            for (String message : relayed) {
                assertFalse(message.contains("secret-"), "relayed frames are sealed: " + message);
            }
            assertTrue(relayed.stream().anyMatch(m -> m.contains("encrypted")), relayed.toString());
            alice.close();
        } finally {
            tap.punsubscribe();
        }
    }

    private static ClusterNode node(String id) {
        return ClusterNode.start(REDIS.url(), PREFIX, id, Duration.ofSeconds(5),
                builder -> builder.resumption(Resumption.enabled(Resumes.KEY)));
    }
}
