package dev.switchboard.client;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.cluster.InMemoryPresenceStore;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TcpProxy;
import dev.switchboard.core.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.switchboard.client.Clients.await;
import static dev.switchboard.client.Clients.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The SDK's {@code presence(room)} and {@code onPresence} against a real server, across a resume and a lost session. */
class PresenceClientTest {

    private final Recorder recorder = new Recorder();

    /** One presence push as the listener was told it. */
    record Told(String room, List<Member> joined, List<Member> left) {
    }

    private static BlockingQueue<Told> listen(SwitchboardClient client) {
        BlockingQueue<Told> told = new LinkedBlockingQueue<>();
        client.onPresence((room, joined, left) -> told.add(new Told(room, joined, left)));
        return told;
    }

    /** Joins told about other clients until {@code expected} were all told; the client's own join is left out. */
    private static List<Member> joinsUntil(BlockingQueue<Told> told, Member self, Set<Member> expected)
            throws InterruptedException {
        List<Member> seen = new ArrayList<>();
        while (!seen.containsAll(expected)) {
            Told push = next(told);
            push.joined().stream().filter(member -> !member.equals(self)).forEach(seen::add);
        }
        return seen;
    }

    private static Told next(BlockingQueue<Told> told) throws InterruptedException {
        Told push = told.poll(Clients.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(push, "no presence push within " + Clients.WAIT);
        return push;
    }

    private static Member me(SwitchboardClient client) {
        return new Member(client.connected().id(), client.connected().userId());
    }

    @Test
    void presenceListsEveryTabAndTheListenerHearsJoinsAndLeaves() throws Exception {
        Hub hub = Resumes.hub(recorder, Resumption.disabled()).presenceRooms("lobby|chat-.*").build();
        try (TestServer server = TestServer.start(hub);
             SwitchboardClient bob = Clients.authenticated(server, "bob");
             SwitchboardClient tab1 = Clients.authenticated(server, "alice");
             SwitchboardClient tab2 = Clients.authenticated(server, "alice")) {
            BlockingQueue<Told> told = listen(bob);
            await(bob.join("lobby", "other"));
            assertEquals(List.of(me(bob)), await(bob.presence("lobby")));

            await(tab1.join("lobby"));
            await(tab2.join("lobby"));
            List<Member> joins = joinsUntil(told, me(bob), Set.of(me(tab1), me(tab2)));
            assertEquals(2, joins.size(), "each join once: " + joins);
            assertEquals(Set.of(me(bob), me(tab1), me(tab2)), Set.copyOf(await(tab2.presence("lobby"))),
                    "two tabs of alice are two members");

            await(tab1.leave("lobby"));
            Told leave = next(told);
            assertEquals(new Told("lobby", List.of(), List.of(me(tab1))), leave);

            assertEquals(ErrorCodes.PRESENCE_DISABLED, code(bob.presence("other")));
            assertEquals(ErrorCodes.NOT_IN_ROOM, code(bob.presence("chat-x")));
            assertEquals(Set.of(me(bob), me(tab2)), Set.copyOf(await(bob.presence("lobby"))));
        }
    }

    @Test
    void aRequestMadeWhileReconnectingIsAnsweredAndMissedPushesAreReplayedAfterTheResume() throws Exception {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).presenceRooms("lobby").build();
        try (TestServer server = TestServer.start(hub); TcpProxy proxy = new TcpProxy(server.port());
             SwitchboardClient bob = SwitchboardClient.builder(proxy.uri("/ws/acme")).requestTimeout(Clients.WAIT)
                     .reconnectDelay(Duration.ofMillis(800), Duration.ofSeconds(2)).build();
             SwitchboardClient alice = Clients.authenticated(server, "alice")) {
            BlockingQueue<Told> told = listen(bob);
            await(bob.connect());
            await(bob.authenticate(Map.of("user", "bob")));
            await(bob.join("lobby"));
            Member bobMember = me(bob);

            proxy.killAll();
            Eventually.until("suspended", () -> recorder.suspended.size() == 1);
            await(alice.join("lobby"));
            CompletableFuture<List<Member>> asked = bob.presence("lobby");
            assertFalse(asked.isDone(), "queued while reconnecting");

            assertEquals(Set.of(bobMember, me(alice)), Set.copyOf(await(asked)));
            assertEquals(List.of(me(alice)), joinsUntil(told, bobMember, Set.of(me(alice))),
                    "the join made during the outage, replayed once");
            assertEquals(bobMember, me(bob), "the same session");
        }
    }

    @Test
    void aRequestLostWithASessionIsAskedAgainAfterTheRoomsAreJoinedAgain() throws Exception {
        GatedStore store = new GatedStore();
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY).ttl(Duration.ofMillis(200)))
                .presence(store).presenceRooms("lobby").build();
        try (TestServer server = TestServer.start(hub); TcpProxy proxy = new TcpProxy(server.port());
             SwitchboardClient bob = SwitchboardClient.builder(proxy.uri("/ws/acme")).requestTimeout(Clients.WAIT)
                     .reconnectDelay(Duration.ofMillis(1500), Duration.ofSeconds(3)).build()) {
            List<Connected> reauthenticated = new java.util.concurrent.CopyOnWriteArrayList<>();
            bob.onReauthenticated(reauthenticated::add);
            await(bob.connect());
            String first = await(bob.authenticate(Map.of("user", "bob"))).id();
            await(bob.join("lobby"));

            store.gate = new CompletableFuture<>();
            CompletableFuture<List<Member>> asked = bob.presence("lobby");
            Eventually.until("the lookup is running on the server", () -> store.reads.get() == 1);
            proxy.killAll();
            Eventually.until("the server session expired", () -> recorder.disconnected.size() == 1);
            store.gate.complete(null);

            List<Member> members = await(asked);
            Eventually.until("re-authenticated", () -> reauthenticated.size() == 1);
            String second = reauthenticated.get(0).id();
            assertNotEquals(first, second);
            assertEquals(List.of(new Member(second, "bob")), members, "answered in the new session, after the rejoin");
        }
    }

    /** The in-memory store, whose room reads wait for {@code gate} while one is set (to hold a lookup in flight). */
    static final class GatedStore implements PresenceStore {
        private final InMemoryPresenceStore store = new InMemoryPresenceStore();
        final AtomicInteger reads = new AtomicInteger();
        volatile CompletableFuture<Void> gate;

        @Override
        public String serverId() {
            return store.serverId();
        }

        @Override
        public void joined(String room, String clientId, String userId) {
            store.joined(room, clientId, userId);
        }

        @Override
        public void left(String room, String clientId) {
            store.left(room, clientId);
        }

        @Override
        public void online(String userId, String clientId) {
            store.online(userId, clientId);
        }

        @Override
        public void offline(String userId, String clientId) {
            store.offline(userId, clientId);
        }

        @Override
        public List<Member> roomMembers(String room) {
            reads.incrementAndGet();
            CompletableFuture<Void> wait = gate;
            if (wait != null) {
                wait.join();
            }
            return store.roomMembers(room);
        }

        @Override
        public Map<String, String> clientsOf(String userId) {
            return store.clientsOf(userId);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
