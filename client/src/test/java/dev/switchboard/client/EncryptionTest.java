package dev.switchboard.client;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.encryption.EncryptionMode;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TcpProxy;
import dev.switchboard.core.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.client.Clients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK with {@code encryption(true)} against a real server in required mode, where every plain
 * frame but {@code heartbeat} would be refused: events, rooms and RPC in both directions work, and
 * keep working across a lost connection and a resume (the channel and its counters continue) and
 * across a re-authentication (new keys); a server without encryption is closed with 4004.
 */
class EncryptionTest {

    private final Recorder recorder = new Recorder();

    private Hub hub(Resumption resumption) {
        Hub hub = Resumes.hub(recorder, resumption).encryption(EncryptionMode.REQUIRED).messageHandler(recorder).build();
        hub.method("math:double", ctx -> 2 * ctx.payload(Integer.class));
        return hub;
    }

    private static SwitchboardClient client(TcpProxy proxy) {
        return SwitchboardClient.builder(proxy.uri("/ws/acme")).requestTimeout(Clients.WAIT)
                .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(500)).encryption(true).build();
    }

    /** Every kind of frame, both ways, with the server checking each client frame arrived sealed. */
    private static void roundTrips(Hub hub, SwitchboardClient client, String id, int n) throws Exception {
        List<String> echoes = new CopyOnWriteArrayList<>();
        client.on("echo", String.class, echoes::add);
        assertEquals(2 * n, await(client.request("math:double", n, Integer.class)));
        assertEquals(List.of("r"), await(client.join("r")).rooms());
        client.emit("echo", "héllo ✓ " + n);
        Eventually.until("echo " + n, () -> echoes.contains("héllo ✓ " + n));
        assertEquals(3 * n, hub.request(id, "triple", n, Integer.class).get(10, TimeUnit.SECONDS));
        client.off("echo");
    }

    @Test
    void encryptedBothWaysAcrossAResumeAndAReauthentication() throws Exception {
        Hub hub = hub(Resumption.enabled(Resumes.KEY).ttl(Duration.ofSeconds(30)));
        try (TestServer server = TestServer.start(hub); TcpProxy proxy = new TcpProxy(server.port());
             SwitchboardClient client = client(proxy)) {
            List<Integer> resumed = new CopyOnWriteArrayList<>();
            List<Connected> reauthenticated = new CopyOnWriteArrayList<>();
            client.onResumed(resumed::add);
            client.onReauthenticated(reauthenticated::add);
            client.method("triple", request -> 3 * request.payload(Integer.class));
            await(client.connect());
            String id = await(client.authenticate(Map.of("user", "alice"))).id();
            roundTrips(hub, client, id, 1);

            List<Integer> missed = new CopyOnWriteArrayList<>();
            client.on("m", Integer.class, missed::add);
            proxy.killAll();
            Eventually.until("suspended", () -> recorder.suspended.size() == 1);
            hub.sendToRoom("r", "m", 1, List.of());
            hub.sendToClient(id, "m", 2);
            Eventually.until("resumed", () -> !resumed.isEmpty());
            Eventually.until("missed messages", () -> missed.size() == 2);
            assertEquals(List.of(1, 2), missed);
            assertEquals(id, client.connected().id(), "the same session");
            roundTrips(hub, client, id, 2);

            hub.client(id).orElseThrow().close(CloseCodes.GOING_AWAY, "restart");
            Eventually.until("a new session", () -> !reauthenticated.isEmpty());
            String second = reauthenticated.get(0).id();
            assertTrue(!second.equals(id), "authenticated anew, with new keys");
            roundTrips(hub, client, second, 3);
            assertTrue(recorder.messages.stream().noneMatch(m -> m.event().equals("encrypted")));
        }
    }

    @Test
    void aServerThatAnswersWithoutKeysIsClosedWith4004() throws Exception {
        Hub hub = Resumes.hub(recorder, Resumption.disabled()).encryption(EncryptionMode.OFF).build();
        try (TestServer server = TestServer.start(hub);
             SwitchboardClient client = Clients.builder(server).encryption(true).reconnect(false).build()) {
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            client.onClose((code, reason) -> closed.complete(code));
            await(client.connect());
            CompletableFuture<Connected> attempt = client.authenticate(Map.of("user", "bob"));
            assertEquals(CloseCodes.ENCRYPTION_REQUIRED, closed.get(10, TimeUnit.SECONDS));
            assertTrue(attempt.handle((ok, failure) -> failure != null).get(10, TimeUnit.SECONDS));
        }
    }
}
