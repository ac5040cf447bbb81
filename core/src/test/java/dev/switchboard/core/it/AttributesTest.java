package dev.switchboard.core.it;

import dev.switchboard.api.AttributeKey;
import dev.switchboard.api.Client;
import dev.switchboard.api.ConnectionListener;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static dev.switchboard.core.testing.Resumes.recovered;
import static dev.switchboard.core.testing.Resumes.resume;
import static dev.switchboard.core.testing.Resumes.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Typed per-client data: set by a listener, read and changed by methods, kept across a resume, per client. */
class AttributesTest {

    static final AttributeKey<AtomicInteger> CALLS = AttributeKey.of("calls", AtomicInteger.class);
    static final AttributeKey<String> PLAN = AttributeKey.of("plan", String.class);

    private final Recorder recorder = new Recorder();

    private Hub hub() {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).listener(new ConnectionListener() {
            @Override
            public void onConnected(Client client) {
                client.attribute(PLAN, "user:" + client.userId());
            }
        }).build();
        hub.method("visit", ctx -> ctx.client().attributeIfAbsent(CALLS, AtomicInteger::new).incrementAndGet()
                + " " + ctx.client().attribute(PLAN));
        return hub;
    }

    private static String visit(WsClient client, String id) {
        return call(client, id).getString("data");
    }

    private static JsonObject call(WsClient client, String id) {
        client.send("{\"event\":\"request\",\"id\":\"" + id + "\",\"method\":\"visit\"}");
        JsonObject response = client.await("response");
        assertEquals(id, response.getString("id"));
        return response;
    }

    @Test
    void attributesArePerClientAndSurviveAResume() {
        try (TestServer server = TestServer.start(hub())) {
            WsClient alice = WsClient.connect(server.uri());
            JsonObject connected = alice.authenticate("alice");
            assertEquals("1 user:alice", visit(alice, "a1"));
            JsonObject second = call(alice, "a2");
            assertEquals("2 user:alice", second.getString("data"));
            try (WsClient bob = WsClient.authenticated(server.uri(), "bob")) {
                assertEquals("1 user:bob", visit(bob, "b1"), "another client has its own values");
            }
            alice.abort();
            Eventually.until("suspended", () -> recorder.suspended.size() == 1);
            try (WsClient again = WsClient.connect(server.uri())) {
                assertTrue(recovered(resume(again, token(connected), second.getJsonNumber("seq").longValue())));
                assertEquals("3 user:alice", visit(again, "a3"), "the session kept its attributes");
            }
        }
    }

    @Test
    void setReturnsThePreviousValueNullRemovesAndTheTypeIsChecked() {
        Hub hub = hub();
        try (TestServer server = TestServer.start(hub); WsClient alice = WsClient.authenticated(server.uri(), "alice")) {
            Client client = hub.clients().stream().filter(c -> "alice".equals(c.userId())).findFirst().orElseThrow();
            assertEquals("user:alice", client.attribute(PLAN, "gold"));
            assertEquals("gold", client.attribute(PLAN));
            assertEquals("gold", client.attribute(PLAN, null));
            assertNull(client.attribute(PLAN));
            @SuppressWarnings({"unchecked", "rawtypes"})
            AttributeKey<Object> untyped = (AttributeKey) PLAN;
            assertThrows(ClassCastException.class, () -> client.attribute(untyped, 42));
        }
    }
}
