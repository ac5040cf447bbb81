package dev.switchboard.core.it.cluster;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.core.cluster.RedisBus;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.WsClient;
import dev.switchboard.core.testing.cluster.ClusterNode;
import dev.switchboard.core.testing.cluster.Peer;
import dev.switchboard.core.testing.redis.SharedRedis;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.core.testing.Resumes.id;
import static dev.switchboard.core.testing.Resumes.reason;
import static dev.switchboard.core.testing.Resumes.recovered;
import static dev.switchboard.core.testing.Resumes.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resume on any node, three nodes in one JVM on one Redis: a session of node A resumed on node B (and
 * then C, then A again) gets its full replay and its live messages from every node in one unbroken
 * sequence; its client's frames are handled by A; a socket still attached is taken over across
 * nodes; refusals from the home node reach the client; bad messages on a node's channel do no harm.
 */
class ResumeOnAnyNodeTest {

    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();
    private static final String PREFIX = "anynode";
    private static final Duration LEASE = Duration.ofSeconds(5);

    static ClusterNode a;
    static ClusterNode b;
    static ClusterNode c;

    @BeforeAll
    static void startNodes() {
        for (String id : List.of("node-a", "node-b", "node-c")) {
            ClusterNode node = ClusterNode.start(REDIS.url(), PREFIX, id, LEASE,
                    builder -> builder.resumption(Resumption.enabled(Resumes.KEY).bufferSize(20)));
            switch (id) {
                case "node-a" -> a = node;
                case "node-b" -> b = node;
                default -> c = node;
            }
        }
    }

    @AfterAll
    static void stopNodes() {
        for (ClusterNode node : List.of(a, b, c)) {
            node.close();
        }
    }

    /** A client of {@code user} on {@code node}: the {@code connected} frame. */
    private static JsonObject login(WsClient socket, String user) {
        return socket.authenticate(user);
    }

    /** Reads frames until {@code count} events named {@code event}; checks their seq runs on from {@code lastSeq}. */
    private static List<Integer> numbered(WsClient socket, String event, int count, long lastSeq) {
        List<Integer> values = new ArrayList<>();
        long expected = lastSeq;
        while (values.size() < count) {
            JsonObject frame = socket.next();
            if (frame.containsKey("seq")) {
                assertEquals(++expected, frame.getJsonNumber("seq").longValue(), "seq runs on: " + frame);
            }
            if (event.equals(frame.getString("event"))) {
                values.add(frame.getInt("data"));
            }
        }
        return values;
    }

    private static long seq(JsonObject frame) {
        return frame.getJsonNumber("seq").longValue();
    }

    private static void awaitState(ClusterNode home, String sessionId, ClientState state) {
        Eventually.until(sessionId + " " + state + " on its home node",
                () -> home.hub().client(sessionId).map(client -> client.state() == state).orElse(false));
    }

    /**
     * Presence is eventually consistent: {@code joined} means membership on the home node, and a
     * cluster-wide read shows it once the home's presence write has reached Redis (in the background,
     * in order). So wait for it instead of reading once.
     */
    private static void awaitPresence(String room, Map<String, String> expected, String why) {
        Eventually.equal("presence of " + room + " (" + why + ")", expected, () -> a.hub().presence(room));
    }

    private static void awaitSubscribers(String channel, long count) {
        Peer.awaitSubscribers(REDIS.server().port(), PREFIX + ":" + channel, count);
    }

    @Test
    void aSessionOfOneNodeResumesOnAnotherWithTheFullReplayThenMovesOnAndBack() {
        WsClient first = WsClient.connect(a.uri());
        JsonObject connected = login(first, "alice");
        String session = id(connected);
        first.emit("join", "{\"rooms\":[\"hall\"]}");
        long lastSeq = seq(first.await("joined"));
        try (Peer bob = Peer.connect(c.uri(), "bob").join("hall")) {
            awaitSubscribers("room:hall", 2);
            first.abort();
            awaitState(a, session, ClientState.SUSPENDED);

            c.hub().sendToRoom("hall", "m", 1, Set.of());
            b.hub().sendToClient(session, "m", 2);
            a.hub().sendToUser("alice", "m", 3);
            c.hub().broadcast("m", 4, Set.of());
            a.hub().sendToRoom("hall", "m", 5, Set.of(bob.id()));

            WsClient second = Resumes.resumeOn(b.uri(), token(connected), lastSeq);
            JsonObject resumed = second.await("resumed");
            assertTrue(recovered(resumed), resumed.toString());
            assertEquals(session, id(resumed));
            awaitPresence("hall", Map.of(session, "node-a", bob.id(), "node-c"), "the session stays on its home node");
            List<Integer> got = numbered(second, "m", 5, lastSeq);
            assertEquals(List.of(1, 2, 3, 4, 5), got.stream().sorted().toList(), "each message once: " + got);
            assertTrue(got.indexOf(3) < got.indexOf(5), "one origin's order holds: " + got);
            lastSeq += 5;

            c.hub().sendToRoom("hall", "m", 6, Set.of());
            b.hub().sendToRoom("hall", "m", 7, Set.of());
            assertEquals(List.of(6, 7), numbered(second, "m", 2, lastSeq).stream().sorted().toList());
            lastSeq += 2;

            second.emit("join", "{\"rooms\":[\"annex\"]}");
            JsonObject joined = second.await("joined");
            assertEquals(++lastSeq, seq(joined), "the client's frames are handled by the home node");
            awaitPresence("annex", Map.of(session, "node-a"), "joined through the relay, held by the home");
            second.emit("relay", "{\"kind\":\"client\",\"target\":\"" + bob.id() + "\",\"event\":\"hello\",\"data\":1}");
            bob.socket().await("hello");
            second.send("not json");
            assertEquals("INVALID_MESSAGE_FORMAT", second.await("error").getJsonObject("data").getString("code"));

            String rotated = token(resumed);
            second.abort();
            awaitState(a, session, ClientState.SUSPENDED);
            b.hub().sendToRoom("annex", "m", 8, Set.of());
            WsClient third = Resumes.resumeOn(c.uri(), rotated, lastSeq);
            JsonObject again = third.await("resumed");
            assertTrue(recovered(again), again.toString());
            assertEquals(List.of(8), numbered(third, "m", 1, lastSeq));
            lastSeq += 1;

            WsClient home = Resumes.resumeOn(a.uri(), token(again), lastSeq);
            assertTrue(recovered(home.await("resumed")));
            assertEquals(CloseCodes.SESSION_TAKEN_OVER, third.awaitClose(), "the relayed socket is taken over");
            c.hub().sendToRoom("hall", "m", 9, Set.of());
            assertEquals(List.of(9), numbered(home, "m", 1, lastSeq));
            home.close();
        }
    }

    @Test
    void aSocketStillAttachedOnItsHomeNodeIsTakenOverFromAnotherNode() {
        try (WsClient first = WsClient.connect(a.uri())) {
            JsonObject connected = login(first, "carol");
            a.hub().sendToClient(id(connected), "m", 1);
            assertEquals(1, seq(first.await("m")));
            try (WsClient second = Resumes.resumeOn(c.uri(), token(connected), 1)) {
                assertTrue(recovered(second.await("resumed")));
                assertEquals(CloseCodes.SESSION_TAKEN_OVER, first.awaitClose());
                b.hub().sendToUser("carol", "m", 2);
                assertEquals(List.of(2), numbered(second, "m", 1, 1));
                second.close();
            }
            Eventually.until("carol's session ended", () -> a.hub().client(id(connected)).isEmpty());
        }
    }

    @Test
    void aVisitorShuttingDownLeavesItsRelayedSessionsSuspendedAtHomeForAResumeElsewhere() {
        WsClient first = WsClient.connect(a.uri());
        JsonObject connected = login(first, "frank");
        String session = id(connected);
        JsonObject resumed;
        try (ClusterNode d = ClusterNode.start(REDIS.url(), PREFIX, "node-d", LEASE,
                builder -> builder.resumption(Resumption.enabled(Resumes.KEY)))) {
            WsClient relayed = Resumes.resumeOn(d.uri(), token(connected), 0);
            resumed = relayed.await("resumed");
            assertTrue(recovered(resumed));
            assertEquals(CloseCodes.SESSION_TAKEN_OVER, first.awaitClose());
            d.close();
            assertEquals(CloseCodes.GOING_AWAY, relayed.awaitClose());
        }
        awaitState(a, session, ClientState.SUSPENDED);
        a.hub().sendToClient(session, "m", 1);
        try (WsClient again = Resumes.resumeOn(b.uri(), token(resumed), 0)) {
            assertTrue(recovered(again.await("resumed")));
            assertEquals(List.of(1), numbered(again, "m", 1, 0));
        }
    }

    @Test
    void malformedOrUnknownNodeMessagesAreDroppedOrAnsweredAndTheNodeGoesOn() throws InterruptedException {
        BlockingQueue<ClusterMessage> answers = new LinkedBlockingQueue<>();
        try (RedisBus intruder = RedisBus.builder(REDIS.url()).prefix(PREFIX).serverId("intruder").build()) {
            intruder.start(answers::add);
            awaitSubscribers("node:intruder", 1);
            ClusterChannel target = ClusterChannel.node("node-b");
            intruder.publish(target, "relay:out", "[1,2]", null);
            intruder.publish(target, "handover", "null", null);
            intruder.publish(target, "relay:close", "{\"relay\":7}", null);
            intruder.publish(target, "relay:in", "{\"text\":\"no relay\"}", null);
            intruder.publish(target, "handover", "{\"relay\":\"r\",\"token\":\"t\",\"lastSeq\":0}", null);
            intruder.publish(target, "no-such-thing", "{}", null);
            intruder.publish(target, "relay:out", "{\"relay\":\"nobody\",\"text\":\"{}\"}", null);
            ClusterMessage answer = answers.poll(10, TimeUnit.SECONDS);
            assertNotNull(answer, "a frame for an unknown relay is answered");
            assertEquals("relay:closed", answer.event());
            assertTrue(answer.data().contains("\"nobody\""), answer.data());
        }
        try (WsClient first = WsClient.connect(a.uri())) {
            JsonObject connected = login(first, "erin");
            try (WsClient second = Resumes.resumeOn(b.uri(), token(connected), 0)) {
                assertTrue(recovered(second.await("resumed")), "node B still relays after the bad messages");
            }
        }
    }

    @Test
    void refusalsReachTheClientWhichMayAuthenticateAnew() {
        WsClient first = WsClient.connect(a.uri());
        JsonObject connected = login(first, "dave");
        String session = id(connected);
        for (int i = 0; i < 30; i++) {
            a.hub().sendToClient(session, "m", i);
        }
        numbered(first, "m", 30, 0);
        first.abort();
        awaitState(a, session, ClientState.SUSPENDED);
        try (WsClient lost = Resumes.resumeOn(b.uri(), token(connected), 0)) {
            JsonObject resumed = lost.await("resumed");
            assertFalse(recovered(resumed));
            assertEquals("MESSAGES_LOST", reason(resumed), "the home node's refusal, passed on");
            Eventually.until("the unrecoverable session ended", () -> a.hub().client(session).isEmpty());
            assertEquals("dave", lost.authenticate("dave").getJsonObject("data").getString("userId"));
        }
        try (WsClient gone = Resumes.resumeOn(c.uri(), token(connected), 30)) {
            JsonObject resumed = gone.await("resumed");
            assertFalse(recovered(resumed));
            assertEquals("SESSION_UNAVAILABLE", reason(resumed), "presence shows no such session on node A");
        }
    }
}
