package dev.switchboard.core.it;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.HubBuilder;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoomsTest {

    private static HubBuilder hub() {
        return Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false);
    }

    private static List<String> strings(JsonObject frame, String field) {
        return frame.getJsonObject("data").getJsonArray(field).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    @Test
    void joinedAndLeftEchoTheRequestsId() {
        try (TestServer server = TestServer.start(hub().roomValidator((client, rooms) -> rooms).build());
             WsClient client = WsClient.connect(server.uri())) {
            client.authenticate("alice");
            client.send("{\"event\":\"join\",\"id\":\"j-1\",\"data\":{\"rooms\":[\"lobby\"]}}");
            client.send("{\"event\":\"leave\",\"id\":\"l-2\",\"data\":{\"rooms\":[\"lobby\"]}}");
            client.emit("join", "{\"rooms\":[\"hall\"]}");
            assertEquals("j-1", client.await("joined").getString("id"));
            assertEquals("l-2", client.await("left").getString("id"));
            assertFalse(client.await("joined").containsKey("id"), "no id asked, none echoed");
        }
    }

    @Test
    void withoutValidatorEveryClientJoinIsRefused() {
        try (TestServer server = TestServer.start(hub().build());
             WsClient client = WsClient.connect(server.uri())) {
            String id = client.authenticate("alice").getJsonObject("data").getString("id");
            client.emit("join", "{\"rooms\":[\"lobby\"]}");
            JsonObject joined = client.await("joined");
            assertEquals(List.of(), strings(joined, "rooms"));
            assertEquals(List.of("lobby"), strings(joined, "rejected"));
            assertFalse(server.hub().roomsOf(id).contains("lobby"));
        }
    }

    @Test
    void validatorAndNameRulesDecideWhatIsJoined() {
        String tooLong = "p".repeat(257);
        Hub hub = hub().roomValidator((client, requested) ->
                requested.stream().filter(r -> r.startsWith("public-")).toList()).build();
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri());
             WsClient other = WsClient.connect(server.uri())) {
            String id = client.authenticate("alice").getJsonObject("data").getString("id");
            String otherId = other.authenticate("bob").getJsonObject("data").getString("id");

            client.emit("join", "{\"rooms\":[\"public-a\",\"private-b\",\"\",\"sb:internal\",\"" + tooLong
                    + "\",\"" + otherId + "\",\"public-a\"]}");
            JsonObject joined = client.await("joined");
            assertEquals(List.of("public-a"), strings(joined, "rooms"));
            assertEquals(List.of("", "sb:internal", tooLong, otherId, "private-b"), strings(joined, "rejected"));
            assertEquals(Set.of(id), hub.clientsInRoom("public-a"));
            assertEquals(Set.of(otherId), hub.clientsInRoom(otherId), "no one joins another client's own room");
        }
    }

    @Test
    void leaveOnlyAffectsJoinedRoomsAndEmptyRoomsDisappear() {
        Hub hub = hub().roomValidator((client, requested) -> requested).build();
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri())) {
            String id = client.authenticate("alice").getJsonObject("data").getString("id");
            int before = hub.roomCount();
            client.emit("join", "{\"rooms\":[\"lobby\",\"games\"]}");
            assertEquals(List.of("lobby", "games"), strings(client.await("joined"), "rooms"));
            assertEquals(before + 2, hub.roomCount());

            client.emit("leave", "{\"rooms\":[\"lobby\",\"never-joined\",\"" + id + "\"]}");
            assertEquals(List.of("lobby"), strings(client.await("left"), "rooms"));
            assertEquals(before + 1, hub.roomCount());
            assertEquals(Set.of(), hub.clientsInRoom("lobby"));
            assertTrue(hub.roomsOf(id).contains(id), "the own room cannot be left");
        }
    }

    @Test
    void malformedJoinAndTooManyRoomsAreReported() {
        Hub hub = hub().roomValidator((client, requested) -> requested).maxRoomsPerClient(2).build();
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri())) {
            client.authenticate("alice");
            client.emit("join", "{\"room\":\"lobby\"}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, client.await("error").getJsonObject("data").getString("code"));
            client.emit("join", "{\"rooms\":[\"a\",5]}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, client.await("error").getJsonObject("data").getString("code"));
            client.emit("join", "{\"rooms\":[\"a\",\"b\",\"c\"]}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, client.await("error").getJsonObject("data").getString("code"));
            client.emit("join", "{\"rooms\":[\"a\",\"b\"]}");
            assertEquals(List.of("a", "b"), strings(client.await("joined"), "rooms"));
            client.emit("join", "{\"rooms\":[\"c\"]}");
            JsonObject full = client.await("joined");
            assertEquals(List.of(), strings(full, "rooms"));
            assertEquals(List.of("c"), strings(full, "rejected"));
        }
    }

    @Test
    void programmaticRoomsNeedNoValidator() {
        Hub hub = hub().build();
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri())) {
            String id = client.authenticate("alice").getJsonObject("data").getString("id");
            assertTrue(hub.joinRoom(id, "vip"));
            assertFalse(hub.joinRoom(id, "vip"));
            assertEquals(Set.of(id), hub.clientsInRoom("vip"));
            assertTrue(hub.roomsOf(id).contains("vip"));
            hub.sendToRoom("vip", "welcome", "hi");
            assertEquals("hi", client.await("welcome").getString("data"));
            assertTrue(hub.leaveRoom(id, "vip"));
            assertFalse(hub.leaveRoom(id, "vip"));
            assertEquals(Set.of(), hub.clientsInRoom("vip"));
            assertFalse(hub.joinRoom("no-such-client", "vip"));
        }
    }

    @Test
    void unauthenticatedClientsCannotBeJoined() {
        Hub hub = hub().build();
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri())) {
            Eventually.until("client registered", () -> hub.clientCount() == 1);
            String pending = hub.clients().get(0).id();
            assertFalse(hub.joinRoom(pending, "vip"));
            assertEquals(Set.of(), hub.roomsOf(pending));
        }
    }
}
