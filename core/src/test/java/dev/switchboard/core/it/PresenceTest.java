package dev.switchboard.core.it;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.PresenceWire.Change;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import dev.switchboard.core.testing.cluster.Peer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.switchboard.core.testing.PresenceWire.ask;
import static dev.switchboard.core.testing.PresenceWire.errorCode;
import static dev.switchboard.core.testing.PresenceWire.member;
import static dev.switchboard.core.testing.PresenceWire.members;
import static dev.switchboard.core.testing.PresenceWire.nextChange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Presence on one real server: answers, join/leave pushes (each once, replayable), the errors, the
 * room rule, and a suspended member that stays until its TTL ends. "No push" is proven by the next
 * push being a later change: one node sends its changes in order.
 */
class PresenceTest {

    private final Recorder recorder = new Recorder();

    private Hub hub(String presenceRooms, Duration ttl) {
        return Resumes.hub(recorder, Resumption.enabled(Resumes.KEY).ttl(ttl)).presenceRooms(presenceRooms).build();
    }

    private static String name(Peer peer, String user) {
        return member(peer.id(), user);
    }

    @Test
    void threeTabsAreThreeMembersAndEachChangeIsPushedOnce() {
        try (TestServer server = TestServer.start(hub("lobby|chat-.*", Duration.ofMinutes(1)));
             Peer bob = Peer.connect(server.uri(), "bob").join("lobby")) {
            JsonObject answer = ask(bob.socket(), "lobby");
            assertEquals("presence", answer.getString("event"));
            assertEquals("lobby", answer.getJsonObject("data").getString("room"));
            assertEquals(Set.of(name(bob, "bob")), members(answer), "the asker sees itself at once");
            assertTrue(answer.containsKey("seq"), "an answer is replayable like joined");

            List<Peer> tabs = new ArrayList<>();
            Set<String> everyone = new TreeSet<>(Set.of(name(bob, "bob")));
            for (int i = 0; i < 3; i++) {
                Peer tab = Peer.connect(server.uri(), "alice").join("lobby");
                tabs.add(tab);
                everyone.add(name(tab, "alice"));
            }
            List<String> seen = new ArrayList<>();
            while (seen.size() < 3) {
                Change push = nextChange(bob.socket(), name(bob, "bob"));
                assertEquals("lobby", push.room());
                assertTrue(push.numbered(), "pushes carry seq with resumption on");
                assertEquals(Set.of(), push.left());
                seen.addAll(push.joined());
            }
            assertEquals(tabs.stream().map(tab -> name(tab, "alice")).sorted().toList(), seen.stream().sorted().toList(),
                    "each tab's join once");
            assertEquals(everyone, members(ask(bob.socket(), "lobby")), "three tabs of alice are three members");
            assertEquals(everyone, members(ask(tabs.get(2).socket(), "lobby")));

            tabs.get(1).leave("lobby");
            Change leave = nextChange(bob.socket(), name(bob, "bob"));
            assertEquals(Set.of(name(tabs.get(1), "alice")), leave.left());
            assertEquals(Set.of(), leave.joined());
            everyone.remove(name(tabs.get(1), "alice"));

            tabs.get(0).close();
            assertEquals(Set.of(name(tabs.get(0), "alice")), nextChange(bob.socket(), name(bob, "bob")).left(),
                    "a socket closed for good leaves");
            everyone.remove(name(tabs.get(0), "alice"));
            assertEquals(everyone, members(ask(bob.socket(), "lobby")));
            tabs.forEach(Peer::close);
        }
    }

    @Test
    void errorsEchoTheRequestIdAndKeepTheConnection() {
        try (TestServer server = TestServer.start(hub("lobby|chat-.*", Duration.ofMinutes(1)));
             Peer carol = Peer.connect(server.uri(), "carol").join("other").join("lobby")) {
            WsClient socket = carol.socket();
            assertEquals(ErrorCodes.PRESENCE_DISABLED, errorCode(ask(socket, "other")), "member, but no presence there");
            assertEquals(ErrorCodes.PRESENCE_DISABLED, errorCode(ask(socket, "ws-default")), "a default room");
            assertEquals(ErrorCodes.PRESENCE_DISABLED, errorCode(ask(socket, carol.id())), "its own id room");
            assertEquals(ErrorCodes.PRESENCE_DISABLED, errorCode(ask(socket, "chat")), "the whole name must match");
            assertEquals(ErrorCodes.NOT_IN_ROOM, errorCode(ask(socket, "chat-x")));
            for (String data : List.of("", ",\"data\":{}", ",\"data\":{\"room\":7}", ",\"data\":{\"room\":\"\"}",
                    ",\"data\":[\"lobby\"]", ",\"data\":\"lobby\"")) {
                socket.send("{\"event\":\"presence\",\"id\":\"bad\"" + data + "}");
                JsonObject error = socket.await("error");
                assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, errorCode(error), data);
                assertEquals("bad", error.getString("id"), data);
            }
            assertEquals(Set.of(name(carol, "carol")), members(ask(socket, "lobby")), "still connected and served");
        }
        try (TestServer server = TestServer.start(hub("lobby", Duration.ofMinutes(1)));
             WsClient stranger = WsClient.connect(server.uri())) {
            assertEquals(ErrorCodes.NOT_AUTHENTICATED, errorCode(ask(stranger, "lobby")));
        }
        try (TestServer server = TestServer.start(Resumes.hub(recorder, Resumption.disabled()).build());
             Peer dave = Peer.connect(server.uri(), "dave").join("lobby")) {
            assertEquals(ErrorCodes.PRESENCE_DISABLED, errorCode(ask(dave.socket(), "lobby")), "no rule: no room has presence");
            assertFalse(server.hub().presenceRooms().isPresent());
        }
    }

    @Test
    void defaultAndOwnRoomsPushNothingUnlessTheRuleMatchesThem() {
        try (TestServer server = TestServer.start(hub("lobby", Duration.ofMinutes(1)));
             Peer watcher = Peer.connect(server.uri(), "watcher").join("lobby");
             Peer newcomer = Peer.connect(server.uri(), "newcomer").join("lobby")) {
            Change push;
            do {
                push = nextChange(watcher.socket(), name(watcher, "watcher"));
                assertEquals("lobby", push.room(), "no push for ws-default, ws-notification or an id room");
            } while (!push.joined().contains(name(newcomer, "newcomer")));
        }
        try (TestServer server = TestServer.start(hub("ws-default|lobby", Duration.ofMinutes(1)));
             Peer watcher = Peer.connect(server.uri(), "watcher").join("lobby")) {
            assertEquals(Set.of(name(watcher, "watcher")), members(ask(watcher.socket(), "ws-default")));
            try (Peer newcomer = Peer.connect(server.uri(), "newcomer")) {
                Change push = nextChange(watcher.socket(), name(watcher, "watcher"));
                assertEquals("ws-default", push.room(), "a default room that matches the rule has presence");
                assertEquals(Set.of(name(newcomer, "newcomer")), push.joined());
            }
        }
    }

    /** A member of {@code lobby} whose socket was dropped without a close frame, now suspended. */
    private Peer suspendedTab(TestServer server, Peer watcher, JsonObject[] connected) {
        WsClient socket = WsClient.connect(server.uri());
        connected[0] = socket.authenticate("tab");
        Peer tab = new Peer(socket, Resumes.id(connected[0])).join("lobby");
        assertEquals(Set.of(name(tab, "tab")), nextChange(watcher.socket(), name(watcher, "watcher")).joined());
        socket.abort();
        Eventually.until("suspended", () -> recorder.suspended.contains(tab.id()));
        return tab;
    }

    @Test
    void aSuspendedMemberStaysAndItsResumeChangesNothing() {
        try (TestServer server = TestServer.start(hub("lobby", Duration.ofMinutes(1)));
             Peer watcher = Peer.connect(server.uri(), "watcher").join("lobby")) {
            String self = name(watcher, "watcher");
            JsonObject[] connected = new JsonObject[1];
            Peer tab = suspendedTab(server, watcher, connected);
            assertEquals(Set.of(self, name(tab, "tab")), members(ask(watcher.socket(), "lobby")),
                    "a suspended session is still present");
            try (WsClient resumed = Resumes.resumeOn(server.uri(), Resumes.token(connected[0]), 0)) {
                assertTrue(Resumes.recovered(resumed.await("resumed")));
                try (Peer later = Peer.connect(server.uri(), "later").join("lobby")) {
                    Change push = nextChange(watcher.socket(), self);
                    assertEquals(Set.of(name(later, "later")), push.joined(), "no left at suspension, no join at resume");
                    assertEquals(Set.of(), push.left());
                }
            }
        }
    }

    @Test
    void aSuspendedMemberLeavesWhenItsTtlEnds() {
        try (TestServer server = TestServer.start(hub("lobby", Duration.ofMillis(300)));
             Peer watcher = Peer.connect(server.uri(), "watcher").join("lobby")) {
            Peer tab = suspendedTab(server, watcher, new JsonObject[1]);
            assertEquals(Set.of(name(tab, "tab")), nextChange(watcher.socket(), name(watcher, "watcher")).left(),
                    "left when the TTL ended");
            Eventually.until("ended with 4006", () -> recorder.disconnected.stream()
                    .anyMatch(d -> d.clientId().equals(tab.id()) && d.code() == CloseCodes.SESSION_EXPIRED));
            assertEquals(Set.of(name(watcher, "watcher")), members(ask(watcher.socket(), "lobby")));
        }
    }
}
