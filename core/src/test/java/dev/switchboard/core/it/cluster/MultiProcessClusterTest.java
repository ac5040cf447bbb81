package dev.switchboard.core.it.cluster;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.WsClient;
import dev.switchboard.core.testing.cluster.ClusterNode;
import dev.switchboard.core.testing.cluster.ClusterNodeMain;
import dev.switchboard.core.testing.cluster.Peer;
import dev.switchboard.core.testing.redis.SharedRedis;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nodes as separate JVMs: two child processes ({@link ClusterNodeMain}) and a node in this JVM on one
 * Redis. Messages sent by each of them reach clients on all three; killing a process makes its
 * presence entries disappear once its lease runs out, and the others go on; a session served through
 * another node's socket is not recovered once its home process is killed.
 */
class MultiProcessClusterTest {

    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();
    private static final String PREFIX = "procs";
    private static final Duration LEASE = Duration.ofSeconds(1);

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process process : processes) {
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // already gone
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Starts a node in a new JVM on this test's class path; {@code options}: {@code resume} (see {@link ClusterNodeMain}). */
    private Process launch(String serverId, String... options) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Path.of("target", "cluster-node-" + serverId + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, ClusterNodeMain.class.getName(), REDIS.url(), PREFIX, serverId,
                Long.toString(LEASE.toMillis())));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private static URI readyUri(Process process) throws IOException, InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("READY ")) {
                return URI.create("ws://127.0.0.1:" + line.substring(6).trim() + "/ws/acme");
            }
        }
        throw new AssertionError("node process ended before it was ready, exit " + process.waitFor());
    }

    @Test
    void messagesCrossThreeProcessesAndAKilledNodesPresenceExpires() throws Exception {
        Process first = launch("proc-1");
        Process second = launch("proc-2");
        URI one = readyUri(first);
        URI two = readyUri(second);
        try (ClusterNode local = ClusterNode.start(REDIS.url(), PREFIX, "local", LEASE);
             Peer x = Peer.connect(one, "shared").join("mesh");
             Peer y = Peer.connect(two, "shared").join("mesh");
             Peer w = Peer.connect(two, "walter");
             Peer z = Peer.connect(local.uri(), "zed").join("mesh")) {
            awaitSubscribers("room:mesh", 3);
            awaitSubscribers("user:shared", 2);
            awaitSubscribers("client:" + x.id(), 1);
            awaitSubscribers("broadcast", 3);

            x.relay("room", "mesh", "from-1", "1");
            y.relay("room", "mesh", "from-2", "2");
            z.relay("room", "mesh", "from-local", "3");
            y.relay("user", "shared", "to-shared", "{}");
            z.relay("client", x.id(), "to-x", "[]");
            for (Peer sender : List.of(x, y, z)) {
                sender.relay("broadcast", null, "end", "null");
            }
            assertEquals(List.of("from-1", "from-2", "from-local", "to-shared", "to-x"), x.eventsUntil("end", 3));
            assertEquals(List.of("from-1", "from-2", "from-local", "to-shared"), y.eventsUntil("end", 3));
            assertEquals(List.of("from-1", "from-2", "from-local"), z.eventsUntil("end", 3));
            assertEquals(List.of(), w.eventsUntil("end", 3));

            Eventually.equal("members of every process", Map.of(x.id(), "proc-1", y.id(), "proc-2", z.id(), "local"),
                    () -> local.hub().presence("mesh"));
            assertTrue(local.hub().isOnline("walter"));

            second.destroyForcibly().waitFor();
            Eventually.until("the killed node's members gone with its lease",
                    () -> local.hub().presence("mesh").equals(Map.of(x.id(), "proc-1", z.id(), "local")),
                    Duration.ofSeconds(10));
            assertTrue(!local.hub().isOnline("walter") && local.hub().isOnline("shared"));

            x.relay("room", "mesh", "after-kill", "4");
            z.socket().await("after-kill");
        }
    }

    @Test
    void aSessionRelayedFromAKilledNodeIsClosedAndThenNotRecovered() throws Exception {
        Process home = launch("home", "resume");
        URI homeUri = readyUri(home);
        try (ClusterNode visitor = ClusterNode.start(REDIS.url(), PREFIX, "visitor", LEASE, ClusterNodeMain.RESUMABLE);
             WsClient first = WsClient.connect(homeUri)) {
            JsonObject connected = first.authenticate("alice");
            WsClient relayed = Resumes.resumeOn(visitor.uri(), Resumes.token(connected), 0);
            JsonObject resumed = relayed.await("resumed");
            assertTrue(Resumes.recovered(resumed), resumed.toString());
            assertEquals(CloseCodes.SESSION_TAKEN_OVER, first.awaitClose());
            visitor.hub().sendToClient(Resumes.id(connected), "m", 1);
            assertEquals(1, relayed.await("m").getJsonNumber("seq").longValue(), "served by the home process");

            home.destroyForcibly().waitFor();
            assertEquals(CloseCodes.INTERNAL_ERROR, relayed.awaitClose(),
                    "the visitor closes a relay whose home fell silent, so the client reconnects");
            assertEquals("Session node unreachable", relayed.closeReason());
            try (WsClient again = Resumes.resumeOn(visitor.uri(), Resumes.token(resumed), 1)) {
                JsonObject refused = again.await("resumed");
                assertFalse(Resumes.recovered(refused));
                assertEquals("SESSION_UNAVAILABLE", Resumes.reason(refused));
                assertEquals("alice", again.authenticate("alice").getJsonObject("data").getString("userId"));
            }
        }
    }

    private static void awaitSubscribers(String channel, long count) {
        Peer.awaitSubscribers(REDIS.server().port(), PREFIX + ":" + channel, count);
    }
}
