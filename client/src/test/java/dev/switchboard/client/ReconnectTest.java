package dev.switchboard.client;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TcpProxy;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.switchboard.client.Clients.await;
import static dev.switchboard.client.Clients.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reconnection of the SDK against a real server, through a proxy that resets connections (no close frame). */
class ReconnectTest {

    private final Recorder recorder = new Recorder();

    /** What a client's reconnection listeners were told. */
    static final class Told {
        final List<Duration> reconnecting = new CopyOnWriteArrayList<>();
        final List<Integer> attempts = new CopyOnWriteArrayList<>();
        final List<Integer> resumed = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();
        final List<Connected> reauthenticated = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<String> closeReason = new CompletableFuture<>();

        Told(SwitchboardClient client) {
            client.onReconnecting((attempt, delay) -> {
                attempts.add(attempt);
                reconnecting.add(delay);
            });
            client.onResumed(resumed::add);
            client.onRecoveryFailed(failed::add);
            client.onReauthenticated(reauthenticated::add);
            client.onClose((code, reason) -> {
                closeReason.complete(reason);
                closed.complete(code);
            });
        }
    }

    private static SwitchboardClient client(TcpProxy proxy, Duration initial, Duration max) {
        return SwitchboardClient.builder(proxy.uri("/ws/acme")).requestTimeout(Clients.WAIT)
                .reconnectDelay(initial, max).build();
    }

    private static String login(SwitchboardClient client) {
        await(client.connect());
        return await(client.authenticate(Map.of("user", "alice"))).id();
    }

    /** A logged-in client in room {@code r}, recording {@code m} events, with a {@code slow} request in flight. */
    private record Busy(Told told, List<Integer> events, String id, CompletableFuture<String> inFlight) {
    }

    /** As {@link Busy}, then the proxy resets the client's connection (RST, no close frame). */
    private static Busy busyThenCut(Hub hub, SwitchboardClient client, TcpProxy proxy) {
        Told told = new Told(client);
        List<Integer> events = new CopyOnWriteArrayList<>();
        client.on("m", Integer.class, events::add);
        String id = login(client);
        await(client.join("r"));
        CompletableFuture<String> inFlight = client.request("slow", null, String.class);
        Eventually.until("slow in flight", () -> hub.requestsInFlight() == 1);
        proxy.killAll();
        return new Busy(told, events, id, inFlight);
    }

    @Test
    void queuedWhileDisconnectedAndALostResponseAreAnsweredAfterTheResume() throws Exception {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).build();
        List<Integer> order = new CopyOnWriteArrayList<>();
        hub.method("echo", ctx -> {
            int n = ctx.payload(Integer.class);
            order.add(n);
            return n;
        });
        CompletableFuture<String> gate = new CompletableFuture<>();
        hub.method("slow", ctx -> gate);
        try (TestServer server = TestServer.start(hub); TcpProxy proxy = new TcpProxy(server.port());
             SwitchboardClient client = client(proxy, Duration.ofMillis(800), Duration.ofSeconds(2))) {
            Told told = new Told(client);
            String id = login(client);
            CompletableFuture<String> inFlight = client.request("slow", null, String.class);
            Eventually.until("slow in flight", () -> hub.requestsInFlight() == 1);

            proxy.killAll();
            Eventually.until("reconnecting", () -> !told.attempts.isEmpty());
            assertTrue(client.isReconnecting());
            assertFalse(client.isOpen());
            Eventually.until("suspended", () -> recorder.suspended.size() == 1);
            gate.complete("done");
            List<CompletableFuture<Integer>> queued = List.of(client.request("echo", 1, Integer.class),
                    client.request("echo", 2, Integer.class), client.request("echo", 3, Integer.class));
            CompletableFuture<Rooms> joined = client.join("r");
            assertFalse(queued.get(0).isDone(), "queued, not failed");

            assertEquals("done", await(inFlight), "the response lost with the socket is replayed");
            for (int n = 1; n <= 3; n++) {
                assertEquals(n, await(queued.get(n - 1)));
            }
            assertEquals(List.of(1, 2, 3), order, "sent in order after the resume");
            assertEquals(List.of("r"), await(joined).rooms());
            Eventually.until("told of the resume", () -> !told.resumed.isEmpty());
            assertEquals(List.of(1), told.resumed, "one response replayed");
            assertEquals(List.of(1), told.attempts);
            assertTrue(told.failed.isEmpty());
            assertEquals(id, client.connected().id());
            assertTrue(client.isOpen());
        }
    }

    @Test
    void anExpiredSessionFailsPendingCallsThenReauthenticatesRejoinsAndSendsWhatWasQueued() throws Exception {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY).ttl(Duration.ofMillis(200))).build();
        hub.method("slow", ctx -> new CompletableFuture<>());
        hub.method("echo", ctx -> ctx.payload(Integer.class));
        try (TestServer server = TestServer.start(hub); TcpProxy proxy = new TcpProxy(server.port());
             SwitchboardClient client = client(proxy, Duration.ofMillis(1500), Duration.ofSeconds(3))) {
            Busy busy = busyThenCut(hub, client, proxy);
            Told told = busy.told();
            Eventually.until("reconnecting", () -> !told.attempts.isEmpty());
            CompletableFuture<Integer> queued = client.request("echo", 7, Integer.class);
            Eventually.until("the server session expired", () -> recorder.disconnected.size() == 1);

            assertEquals(ErrorCodes.DISCONNECTED, code(busy.inFlight()), "its answer died with the session");
            assertEquals(7, await(queued), "made while reconnecting: sent on the new session");
            Eventually.until("re-authenticated", () -> told.reauthenticated.size() == 1);
            assertEquals(List.of("INVALID_TOKEN"), told.failed);
            assertTrue(told.resumed.isEmpty());
            String second = told.reauthenticated.get(0).id();
            assertNotEquals(busy.id(), second, "a new server session");
            assertEquals(second, client.connected().id());
            Eventually.until("rooms joined again", () -> hub.clientsInRoom("r").equals(java.util.Set.of(second)));
            hub.sendToRoom("r", "m", 42, List.of());
            Eventually.until("events of the new session arrive", () -> busy.events().equals(List.of(42)));
        }
    }

    @Test
    void withoutResumptionOnTheServerTheClientReportsResumeDisabledAndAuthenticatesAgain() throws Exception {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).listener(recorder)
                .roomValidator((client, rooms) -> rooms).build();
        hub.method("slow", ctx -> new CompletableFuture<>());
        try (TestServer server = TestServer.start(hub); TcpProxy proxy = new TcpProxy(server.port());
             SwitchboardClient client = client(proxy, Duration.ofMillis(50), Duration.ofMillis(200))) {
            Busy busy = busyThenCut(hub, client, proxy);
            Told told = busy.told();
            assertEquals(ErrorCodes.DISCONNECTED, code(busy.inFlight()));
            Eventually.until("re-authenticated", () -> told.reauthenticated.size() == 1);
            assertEquals(List.of(Reconnector.RESUME_DISABLED), told.failed);
            assertNotEquals(busy.id(), told.reauthenticated.get(0).id());
            Eventually.until("rooms joined again", () -> hub.clientsInRoom("r").size() == 1);
            hub.sendToRoom("r", "m", 1, List.of());
            Eventually.until("events arrive", () -> busy.events().equals(List.of(1)));
        }
    }

    @Test
    void aClientWhoseSessionWasTakenOverDoesNotReconnect() throws Exception {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).build();
        try (TestServer server = TestServer.start(hub);
             TcpProxy wire = new TcpProxy(server.port());
             SwitchboardClient client = SwitchboardClient.builder(wire.uri(server.uri().getPath())).reconnectDelay(
                     Duration.ofMillis(20), Duration.ofMillis(50)).build()) {
            wire.tapDownstream();
            Told told = new Told(client);
            await(client.connect());
            await(client.authenticate(Map.of("user", "alice")));
            // the session token as the client received it: read off the wire
            Matcher sent = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(wire.downstreamText());
            assertTrue(sent.find(), "the connected frame carries a session token");
            String token = sent.group(1);
            try (WsClient other = WsClient.connect(server.uri())) {
                assertTrue(Resumes.recovered(Resumes.resume(other, token, 0)));
                // Barrier: the client decides in one step, when the socket closes, either to reconnect
                // (telling onReconnecting) or to end (telling onClose, after which nothing reconnects);
                // listeners run one at a time in order on the client's lane, so by the time onClose
                // ran, an onReconnecting told before it has run too.
                assertEquals(CloseCodes.SESSION_TAKEN_OVER, await(told.closed));
                assertTrue(told.attempts.isEmpty(), "no reconnect after 4005: " + told.attempts);
                assertFalse(client.isReconnecting());
                assertEquals(1, hub.clientCount(), "the session lives on the other socket");
            }
        }
    }

    @Test
    void closeNeverReconnectsAndStopsAReconnectingClientAtOnce() throws Exception {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).build();
        hub.method("slow", ctx -> new CompletableFuture<>());
        try (TestServer server = TestServer.start(hub); TcpProxy proxy = new TcpProxy(server.port())) {
            SwitchboardClient plain = client(proxy, Duration.ofMillis(20), Duration.ofMillis(50));
            Told first = new Told(plain);
            login(plain);
            plain.close();
            assertEquals(CloseCodes.NORMAL, await(first.closed));

            SwitchboardClient client = client(proxy, Duration.ofSeconds(5), Duration.ofSeconds(10));
            Told second = new Told(client);
            login(client);
            CompletableFuture<Integer> inFlight = client.request("slow", null, Integer.class);
            Eventually.until("slow in flight", () -> hub.requestsInFlight() == 1);
            proxy.killAll();
            Eventually.until("reconnecting", () -> !second.attempts.isEmpty());
            CompletableFuture<Integer> queued = client.request("slow", null, Integer.class);
            client.close();
            assertEquals(CloseCodes.NORMAL, await(second.closed));
            assertEquals(ErrorCodes.DISCONNECTED, code(inFlight));
            assertEquals(ErrorCodes.DISCONNECTED, code(queued));
            assertFalse(client.isReconnecting());
            // Barrier: close() stops the reconnector (under its monitor, so an attempt being scheduled
            // has told onReconnecting by then) before it tells onClose on the same ordered lane, and a
            // stopped reconnector schedules nothing: awaiting onClose saw every attempt there will be.
            assertTrue(first.attempts.isEmpty(), "close() never reconnects");
            assertEquals(List.of(1), second.attempts, "no attempt after close()");
            assertEquals(ErrorCodes.DISCONNECTED, code(client.request("x", null, Integer.class)));
        }
    }

    @Test
    void backoffGrowsIsBoundedAndGivingUpClosesTheClient() throws Exception {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).build();
        try (TestServer server = TestServer.start(hub)) {
            TcpProxy proxy = new TcpProxy(server.port());
            SwitchboardClient client = SwitchboardClient.builder(proxy.uri("/ws/acme"))
                    .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(160)).maxReconnectAttempts(6).build();
            Told told = new Told(client);
            login(client);
            proxy.close();
            assertEquals(Transport.ABNORMAL, await(told.closed), "the code of the loss");
            assertTrue(await(told.closeReason).contains("6 attempts"), told.closeReason.get());
            assertEquals(List.of(1, 2, 3, 4, 5, 6), told.attempts);
            long[] bases = {20, 40, 80, 160, 160, 160};
            for (int i = 0; i < bases.length; i++) {
                long delay = told.reconnecting.get(i).toMillis();
                assertTrue(delay >= bases[i] / 2 && delay <= bases[i],
                        "attempt " + (i + 1) + ": " + delay + " ms not in [" + bases[i] / 2 + ", " + bases[i] + "]");
            }
            assertFalse(client.isReconnecting());
            assertEquals(ErrorCodes.DISCONNECTED, code(client.request("x", null, Integer.class)));
        }
    }

    @Test
    void theQueueIsBoundedAndFailsFastWithQueueFull() throws Exception {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).build();
        hub.method("echo", ctx -> ctx.payload(Integer.class));
        try (TestServer server = TestServer.start(hub); TcpProxy proxy = new TcpProxy(server.port());
             SwitchboardClient client = SwitchboardClient.builder(proxy.uri("/ws/acme")).requestTimeout(Clients.WAIT)
                     .reconnectDelay(Duration.ofMillis(800), Duration.ofSeconds(2)).maxQueuedWhileDisconnected(2).build()) {
            Told told = new Told(client);
            login(client);
            proxy.killAll();
            Eventually.until("reconnecting", () -> !told.attempts.isEmpty());
            CompletableFuture<Integer> one = client.request("echo", 1, Integer.class);
            CompletableFuture<Void> two = client.emit("ping", null);
            CompletableFuture<Integer> three = client.request("echo", 3, Integer.class);
            assertEquals(SwitchboardClient.QUEUE_FULL, code(three));
            assertEquals(1, await(one));
            await(two);
            Eventually.until("told of the resume", () -> told.resumed.size() == 1);
        }
    }

    @Test
    void afterAServerRestartWithoutResumptionTheResumeIsRefusedAndTheClientAuthenticatesAgain() throws Exception {
        try (RestartableServer server = new RestartableServer()) {
            server.start(Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).build());
            SwitchboardClient client = SwitchboardClient.builder(server.uri()).requestTimeout(Clients.WAIT)
                    .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(200)).build();
            try (client) {
                Told told = new Told(client);
                List<Integer> events = new CopyOnWriteArrayList<>();
                client.on("m", Integer.class, events::add);
                String first = login(client);
                await(client.join("r"));

                server.stop();
                Eventually.until("reconnecting after 1001", () -> !told.attempts.isEmpty());
                Eventually.until("an attempt failed while the server was down", () -> told.attempts.size() >= 2);
                Hub restarted = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                        .roomValidator((c, rooms) -> rooms).build();
                server.start(restarted);
                Eventually.until("re-authenticated", () -> told.reauthenticated.size() == 1);
                assertEquals(List.of("RESUME_DISABLED"), told.failed, "the server's answer to resume");
                assertTrue(told.attempts.size() >= 2, "attempts failed while the server was down: " + told.attempts);
                assertFalse(told.closed.isDone(), "1001 is not final");
                assertNotEquals(first, client.connected().id());
                Eventually.until("rooms joined again", () -> restarted.clientsInRoom("r").size() == 1);
                restarted.sendToRoom("r", "m", 5, List.of());
                Eventually.until("events arrive", () -> events.equals(List.of(5)));
            }
        }
    }

    @Test
    void aHeartbeatTimeoutSuspendsOnTheServerAndTheClientResumes() {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY))
                .heartbeatInterval(Duration.ofMillis(100)).heartbeatTimeout(Duration.ofMillis(500)).build();
        try (TestServer server = TestServer.start(hub);
             SwitchboardClient client = SwitchboardClient.builder(server.uri()).heartbeatInterval(Duration.ZERO)
                     .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(50)).build()) {
            Told told = new Told(client);
            await(client.connect());
            String id = await(client.authenticate(Map.of("user", "alice"))).id();
            Eventually.until("suspended by the server's heartbeat timeout", () -> recorder.suspended.size() == 1);
            hub.sendToClient(id, "m", 1);
            Eventually.until("resumed after 4002", () -> !told.resumed.isEmpty());
            assertTrue(told.failed.isEmpty());
            assertEquals(id, client.connected().id());
            assertFalse(told.closed.isDone());
        }
    }

    @Test
    void theCloseCodeTable() {
        for (int code : new int[] {1006, 1001, 1011, 1012, 1013, 4002}) {
            assertTrue(Reconnector.reconnectsAfter(code), "reconnects after " + code);
        }
        for (int code : new int[] {1000, 1008, 1009, 4001, 4003, 4004, 4005, 4100}) {
            assertFalse(Reconnector.reconnectsAfter(code), "never after " + code);
        }
    }
}
