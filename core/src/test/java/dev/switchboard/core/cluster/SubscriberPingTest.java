package dev.switchboard.core.cluster;

import dev.switchboard.core.testing.redis.SharedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subscriber's health check must never cost the connection (issue 13: a reconnect drops every
 * message published meanwhile, ~100 ms of traffic at the default backoff). It used Jedis's PING, which
 * sends and only then queues the handler for the RESP3 {@code +PONG}: when the subscriber thread read
 * the answer first, Jedis threw "Unexpected message : PONG" and the link reconnected (here within a few
 * hundred rounds). Each round checks health, then subscribes the link to a fresh probe channel,
 * publishes to it until Redis counts a receiver and takes that message: the probe's SUBSCRIBE follows
 * the check's command on the same connection, and Redis answers one connection in order, so the check
 * was answered before the message; no round overlaps the next or waits on time.
 */
class SubscriberPingTest {

    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();
    private static final int ROUNDS = Integer.getInteger("subscriberPing.rounds", 3000);

    @Test
    void manyHealthChecksNeverBreakTheSubscriberConnection() throws Exception {
        RedisAddress address = RedisAddress.parse(REDIS.url());
        BlockingQueue<String> probes = new LinkedBlockingQueue<>();
        AtomicInteger lost = new AtomicInteger();
        PubSubLink.Listener listener = new PubSubLink.Listener() {
            @Override
            public void message(String channel, String payload) {
                probes.add(payload);
            }

            @Override
            public void lost(PubSubLink link) {
                lost.incrementAndGet();
            }
        };
        ExecutorService control = Executors.newSingleThreadExecutor();
        PubSubLink link = new PubSubLink(address.nodes().get(0), address.clientConfig("ping-test", 2000),
                PubSubDialect.PLAIN, listener, control, new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)),
                new AtomicLong());
        try (Jedis publisher = new Jedis("127.0.0.1", REDIS.server().port())) {
            link.add("base");
            for (int round = 0; round < ROUNDS && lost.get() == 0; round++) {
                if (round > 0) {
                    control.submit(link::checkHealth).get();
                }
                String probe = "probe-" + round;
                link.add(probe);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (publisher.publish(probe, probe) == 0 && lost.get() == 0) {
                    assertTrue(System.nanoTime() < deadline, "round " + round + ": the probe never subscribed");
                }
                String got = null;
                while (!probe.equals(got) && lost.get() == 0) {
                    got = probes.poll(10, TimeUnit.SECONDS);
                    assertTrue(got != null, "round " + round + ": the probe never arrived");
                }
                link.remove(probe);
            }
        } finally {
            link.close();
            control.shutdownNow();
        }
        assertEquals(0, lost.get(), "subscriber connections lost to a health-check PING in " + ROUNDS + " rounds");
    }
}
