package dev.switchboard.standalone;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo methods over a real server and raw WebSocket clients. */
class DemoMethodsTest {

    static TestServer server;
    static DemoMethods demo;

    @BeforeAll
    static void start() {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .roomValidator((client, rooms) -> rooms).build();
        demo = DemoMethods.register(hub);
        server = TestServer.start(hub);
    }

    @AfterAll
    static void stop() {
        server.close();
        demo.close();
    }

    private static WsClient client(String user) {
        return WsClient.authenticated(server.uri(), user);
    }

    private static void request(WsClient client, String id, String method, String data) {
        client.send("{\"event\":\"request\",\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"data\":" + data + "}");
    }

    @Test
    void echoAndTime() {
        try (WsClient client = client("alice")) {
            request(client, "1", "system:echo", "{\"deep\":[1,2,{\"x\":true}]}");
            assertEquals("{\"deep\":[1,2,{\"x\":true}]}", client.await("response").getJsonObject("data").toString());
            request(client, "2", "system:time", "null");
            long now = client.await("response").getJsonObject("data").getJsonNumber("epochMillis").longValue();
            assertTrue(Math.abs(now - System.currentTimeMillis()) < 60_000);
        }
    }

    @Test
    void delayReportsProgressThenAnswers() {
        try (WsClient client = client("alice")) {
            request(client, "d", "system:delay", "{\"ms\":350,\"value\":\"ready\"}");
            int notifications = 0;
            JsonObject frame;
            while ((frame = client.next()).getString("event").equals("notification")) {
                assertEquals("d", frame.getString("id"));
                notifications++;
            }
            assertEquals("response", frame.getString("event"));
            assertEquals("ready", frame.getString("data"));
            assertTrue(notifications >= 2, "progress every 100 ms, got " + notifications);
        }
    }

    @Test
    void delayIsCancelable() throws Exception {
        try (WsClient client = client("alice")) {
            request(client, "c", "system:delay", "{\"ms\":5000,\"value\":\"never\"}");
            assertEquals("notification", client.next().getString("event"));
            client.send("{\"event\":\"cancel\",\"id\":\"c\"}");
            JsonObject response = client.await("response");
            assertEquals(ErrorCodes.REQUEST_CANCELLED, response.getJsonObject("error").getString("code"));
            // Barrier on the delays' single timer thread: a delay of 300 ms answers after three more
            // progress periods, so any progress of "c" still scheduled would arrive before its answer.
            // Only a notification already being written when the cancel came may come, and first.
            request(client, "b", "system:delay", "{\"ms\":300,\"value\":\"barrier\"}");
            List<JsonObject> before = new ArrayList<>();
            JsonObject frame;
            while (!((frame = client.next()).getString("event").equals("response") && frame.getString("id").equals("b"))) {
                before.add(frame);
            }
            assertEquals("barrier", frame.getString("data"));
            List<JsonObject> ofC = before.stream().filter(f -> f.getString("id").equals("c")).toList();
            assertTrue(ofC.isEmpty() || ofC.size() == 1 && before.get(0) == ofC.get(0)
                    && ofC.get(0).getString("event").equals("notification"), "no progress after cancel: " + before);
        }
    }

    @Test
    void delayRejectsOutOfRange() {
        try (WsClient client = client("alice")) {
            request(client, "x", "system:delay", "{\"ms\":999999999,\"value\":1}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT,
                    client.await("response").getJsonObject("error").getString("code"));
        }
    }

    @Test
    void chatSendReachesTheRoomAndNeedsMembership() {
        try (WsClient alice = client("alice"); WsClient bob = client("bob"); WsClient eve = client("eve")) {
            for (WsClient member : new WsClient[]{alice, bob}) {
                member.emit("join", "{\"rooms\":[\"lobby\"]}");
                member.await("joined");
            }
            request(alice, "m", "chat:send", "{\"room\":\"lobby\",\"text\":\"hi all\"}");
            for (WsClient member : new WsClient[]{alice, bob}) {
                JsonObject message = member.await("chat:message").getJsonObject("data");
                assertEquals("lobby", message.getString("room"));
                assertEquals("alice", message.getString("from"));
                assertEquals("hi all", message.getString("text"));
            }
            assertTrue(alice.await("response").getJsonObject("data").getBoolean("delivered"));

            request(eve, "n", "chat:send", "{\"room\":\"lobby\",\"text\":\"let me in\"}");
            assertEquals("NOT_IN_ROOM", eve.await("response").getJsonObject("error").getString("code"));
        }
    }
}
