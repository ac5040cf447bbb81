package dev.switchboard.core.it.cluster;

import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TcpProxy;
import dev.switchboard.core.testing.WsClient;
import dev.switchboard.core.testing.cluster.ClusterNode;
import dev.switchboard.core.testing.cluster.Peer;
import dev.switchboard.core.testing.redis.SharedRedis;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.switchboard.core.testing.Resumes.recovered;
import static dev.switchboard.core.testing.Resumes.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 13 (1), the hop pattern: a receiver whose home is node A sits in a room while a sender on
 * node B publishes to it at a steady pace; the receiver's TCP connection is reset again and again
 * (through a {@link TcpProxy}: no close frame) and each time it resumes, alternately on B (a relay to
 * A) and on A (back home). Every message must arrive exactly once, in order, with every resume
 * {@code recovered: true}. One dynamic test per run; {@code -DhopChurn.runs=N} (default 3),
 * {@code -DhopChurn.messages}, {@code -DhopChurn.cuts}, {@code -DhopChurn.seed},
 * {@code -DhopChurn.healthCheckMs} (default 5000, the product default) and {@code -DhopChurn.debug} tune it.
 *
 * <p>What it caught: the Redis subscriber's health-check PING sometimes broke its connection (see
 * {@code SubscriberPingTest}); whatever was published until the resubscribe was lost on that node: a
 * block of room messages with {@code seq} continuous across the hole (home node), or relayed frames
 * (visitor node: no {@code resumed}, or a jump in {@code seq}). More frequent checks meet the
 * race more often ({@code -DhopChurn.healthCheckMs=500}: 12 of 20 runs failed before the fix, 1 in 13 at
 * 5 s) but, on a loaded machine, a stall past one interval makes a check close a healthy connection,
 * which loses messages the same way; {@code SubscriberPingTest} is the direct test of the race.
 *
 * <p>The receiver loop runs on the test thread; the sender is one scheduled thread.
 */
class HopChurnTest {

    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();
    private static final String PREFIX = "hop";
    private static final int RUNS = Integer.getInteger("hopChurn.runs", 3);
    private static final int MESSAGES = Integer.getInteger("hopChurn.messages", 500);
    private static final int CUTS = Integer.getInteger("hopChurn.cuts", 8);
    private static final Duration HEALTH_CHECK = Duration.ofMillis(Long.getLong("hopChurn.healthCheckMs", 5000));
    private static final boolean DEBUG = Boolean.getBoolean("hopChurn.debug");
    private static final long PACE_MICROS = 6_000;

    static ClusterNode a;
    static ClusterNode b;

    @BeforeAll
    static void startNodes() {
        a = node("node-a");
        b = node("node-b");
    }

    /** A node whose bus checks its subscriber every {@link #HEALTH_CHECK} (5 s by default). */
    private static ClusterNode node(String serverId) {
        return ClusterNode.start(REDIS.url(), PREFIX, serverId, Duration.ofSeconds(5),
                bus -> bus.healthCheck(HEALTH_CHECK),
                builder -> builder.resumption(Resumption.enabled(Resumes.KEY)).debug(DEBUG));
    }

    @AfterAll
    static void stopNodes() {
        a.close();
        b.close();
    }

    @TestFactory
    Stream<DynamicTest> everyMessageArrivesOnceInOrderWhileTheSessionHopsBetweenNodes() {
        long seed = Long.getLong("hopChurn.seed", System.nanoTime());
        return IntStream.range(0, RUNS).mapToObj(run -> DynamicTest.dynamicTest("run " + run + " (seed " + seed + ")",
                () -> hop(run, new Random(seed + run))));
    }

    /** What the receiver has processed: the highest seq and the message numbers, repeats dropped. */
    private static final class Received {
        long highest;
        final List<Integer> values = new ArrayList<>();
        boolean ended;

        void take(JsonObject frame) {
            if (frame.containsKey("seq")) {
                long seq = frame.getJsonNumber("seq").longValue();
                if (seq <= highest) {
                    return;
                }
                assertEquals(highest + 1, seq, "seq runs on: " + frame);
                highest = seq;
            }
            switch (frame.getString("event")) {
                case "n" -> values.add(frame.getInt("data"));
                case "end" -> ended = true;
                default -> {
                }
            }
        }
    }

    private void hop(int run, Random random) throws IOException {
        String room = "hop-" + run;
        try (TcpProxy proxy = new TcpProxy(a.port());
             Peer sender = Peer.connect(b.uri(), "sender-" + run)) {
            URI viaProxy = proxy.uri(a.uri().getPath());
            WsClient current = WsClient.connect(viaProxy);
            JsonObject connected = current.authenticate("hopper-" + run);
            String session = Resumes.id(connected);
            String token = token(connected);
            current.emit("join", "{\"rooms\":[\"" + room + "\"]}");
            Received received = new Received();
            received.take(current.await("joined"));
            Peer.awaitSubscribers(REDIS.server().port(), PREFIX + ":room:" + room, 1);

            long[] since = {a.hub().clusterStats().reconnects(), b.hub().clusterStats().reconnects()};
            AtomicReference<Throwable> senderFailure = new AtomicReference<>();
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger sent = new AtomicInteger();
            ScheduledFuture<?> sending = pace.scheduleAtFixedRate(() -> {
                try {
                    int next = sent.getAndIncrement();
                    if (next < MESSAGES) {
                        sender.relay("room", room, "n", Integer.toString(next));
                    } else if (next == MESSAGES) {
                        sender.relay("room", room, "end", "null");
                    }
                } catch (RuntimeException e) {
                    senderFailure.compareAndSet(null, e);
                }
            }, 0, PACE_MICROS, TimeUnit.MICROSECONDS);
            try {
                List<String> resumes = new ArrayList<>();
                int cuts = 0;
                int untilCut = cutAfter(random);
                while (!received.ended) {
                    received.take(next(current, socket -> "after " + resumes + " at seq " + received.highest + ", "
                            + sent.get() + " sent, sender failure " + senderFailure.get() + ", socket closed "
                            + (socket.isClosed() ? socket.awaitClose() + " " + socket.closeReason() : "no")
                            + ", session on A " + a.hub().client(session).map(c -> c.state().toString()).orElse("gone")
                            + ", " + reconnects(since)));
                    if (cuts < CUTS && --untilCut == 0) {
                        ClusterNode target = cuts++ % 2 == 0 ? b : a;
                        proxy.retarget(target.port());
                        proxy.killAll();
                        current.drainReceived().forEach(received::take);
                        current.abort();
                        current = Resumes.resumeOn(viaProxy, token, received.highest);
                        String where = (target == a ? "A" : "B") + "@" + received.highest;
                        JsonObject resumed = awaitResumed(current, where, since);
                        resumes.add(where + ":" + recovered(resumed));
                        assertTrue(recovered(resumed), "resume " + where + ": " + resumed + ", " + reconnects(since));
                        token = token(resumed);
                        untilCut = cutAfter(random);
                    }
                }
                assertNull(senderFailure.get(), "the sender failed");
                List<Integer> missing = missing(received.values);
                if (!missing.isEmpty() || received.values.size() != MESSAGES) {
                    fail("run " + run + ": " + received.values.size() + " of " + MESSAGES + " received, missing "
                            + missing + ", resumes " + resumes + ", " + reconnects(since));
                }
                assertEquals(IntStream.range(0, MESSAGES).boxed().toList(), received.values, "once each, in order");
                assertEquals(CUTS, cuts, "every cut happened before the end: " + resumes);
            } finally {
                sending.cancel(false);
                pace.shutdownNow();
                current.close();
            }
        }
    }

    /** A cut every 30–55 frames: 180–330 ms at the sender's pace, so every cut comes before the end. */
    private static int cutAfter(Random random) {
        return 30 + random.nextInt(26);
    }

    private static JsonObject next(WsClient socket, Function<WsClient, String> context) {
        try {
            return socket.next();
        } catch (AssertionError e) {
            throw new AssertionError("no frame " + context.apply(socket), e);
        }
    }

    private static JsonObject awaitResumed(WsClient socket, String where, long[] since) {
        try {
            return socket.await("resumed");
        } catch (AssertionError e) {
            throw new AssertionError("no 'resumed' after the resume " + where + ", " + reconnects(since), e);
        }
    }

    /** Redis subscriber reconnects of each node since {@code since}: each one loses what was published meanwhile. */
    private static String reconnects(long[] since) {
        return "subscriber reconnects A=" + (a.hub().clusterStats().reconnects() - since[0])
                + " B=" + (b.hub().clusterStats().reconnects() - since[1]);
    }

    private static List<Integer> missing(List<Integer> values) {
        boolean[] seen = new boolean[MESSAGES];
        values.forEach(value -> seen[value] = true);
        return IntStream.range(0, MESSAGES).filter(i -> !seen[i]).boxed().toList();
    }
}
