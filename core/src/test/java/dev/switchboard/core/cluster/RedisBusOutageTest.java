package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.redis.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis goes away and comes back on the same port: publishers never wait, nothing is reordered, subscribers resubscribe. */
class RedisBusOutageTest {

    private static final ClusterChannel ROOM = ClusterChannel.room("r");

    private RedisServer redis;
    private final List<RedisBus> buses = new ArrayList<>();

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() {
        buses.forEach(RedisBus::close);
        redis.close();
    }

    private RedisBus bus(String serverId, int outbox, Inbox inbox) {
        RedisBus bus = RedisBus.builder(redis.url()).serverId(serverId).outboxCapacity(outbox)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200)).timeout(Duration.ofMillis(500))
                .healthCheck(Duration.ofMillis(150)).build();
        bus.start(inbox);
        buses.add(bus);
        return bus;
    }

    /** A node subscribed to {@link #ROOM} (Redis has seen the subscription) that puts what it gets in {@code received}. */
    private RedisBus subscriber(Inbox received) {
        RedisBus subscriber = bus("sub", 10_000, received);
        subscriber.subscribe(ROOM);
        RedisBusTest.awaitSubscribers(redis, "switchboard:room:r", 1);
        return subscriber;
    }

    private static List<String> events(List<ClusterMessage> messages) {
        return messages.stream().map(ClusterMessage::event).toList();
    }

    private static List<String> numbered(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void messagesPublishedDuringAnOutageArriveInOrderAfterwardsAndPublishNeverBlocks() throws Exception {
        Inbox received = new Inbox();
        RedisBus publisher = bus("pub", 10_000, new Inbox());
        RedisBus subscriber = subscriber(received);

        for (int i = 0; i < 100; i++) {
            publisher.publish(ROOM, "m" + i, Integer.toString(i), null);
        }
        assertEquals(numbered(0, 100), events(received.until(m -> m.event().equals("m99"))));

        redis.stop();
        long slowestNanos = 0;
        for (int i = 100; i < 300; i++) {
            long start = System.nanoTime();
            assertTrue(publisher.publish(ROOM, "m" + i, Integer.toString(i), null));
            slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
            if (i % 50 == 0) {
                // Not a barrier: pacing the load, so publishing goes on while the outbox's publisher
                // fails and backs off against the dead server (that is the situation under test).
                Thread.sleep(50);
            }
        }
        assertTrue(slowestNanos < 200_000_000L, "publish blocked " + slowestNanos / 1_000_000 + " ms");
        assertTrue(publisher.stats().pending() > 0, "messages wait in the outbox");

        redis.restart();
        assertEquals(numbered(100, 300), events(received.until(m -> m.event().equals("m299"))));
        assertTrue(publisher.flush(Inbox.WAIT.toMillis()));
        assertEquals(300, publisher.stats().published());
        assertEquals(0, publisher.stats().dropped());
        // a batch resent after a failure goes out before anything published later, the barrier too
        assertEquals(List.of(), received.before(BusBarrier.publish(publisher, ROOM)), "no duplicates");
        assertTrue(subscriber.stats().reconnects() >= 1, "subscriber reconnected by itself");
    }

    @Test
    void pastTheOutboxBoundMessagesAreDroppedAndCounted() throws Exception {
        Inbox received = new Inbox();
        subscriber(received);
        RedisBus publisher = bus("pub", 50, new Inbox());

        redis.stop();
        int accepted = 0;
        for (int i = 0; i < 80; i++) {
            if (publisher.publish(ROOM, "m" + i, "0", null)) {
                accepted++;
            }
        }
        assertEquals(50, accepted);
        assertEquals(30, publisher.stats().dropped());
        assertFalse(publisher.publish(ROOM, "late", "0", null));

        redis.restart();
        assertEquals(numbered(0, 50), events(received.until(m -> m.event().equals("m49"))));
        Eventually.until("outbox drained", () -> publisher.stats().pending() == 0, Duration.ofSeconds(5));
        assertEquals(31, publisher.stats().dropped());
    }

    @Test
    void aSubscriberConnectionThatStopsAnsweringIsReplaced() throws Exception {
        Inbox received = new Inbox();
        RedisBus publisher = bus("pub", 10_000, new Inbox());
        RedisBus subscriber = subscriber(received);

        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            jedis.clientPause(1_000, ClientPauseMode.ALL);
        }
        Eventually.until("unanswered ping replaced the connection", () -> subscriber.stats().reconnects() >= 1,
                Duration.ofSeconds(5));
        RedisBusTest.awaitSubscribers(redis, "switchboard:room:r", 1);
        publisher.publish(ROOM, "after", "1", null);
        assertEquals("after", received.next().event());
    }
}
