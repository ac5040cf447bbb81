package dev.switchboard.core.it;

import dev.switchboard.api.Client;
import dev.switchboard.api.CloseCodes;
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

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.switchboard.core.testing.Resumes.reason;
import static dev.switchboard.core.testing.Resumes.recovered;
import static dev.switchboard.core.testing.Resumes.resume;
import static dev.switchboard.core.testing.Resumes.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** State namespaces: saved at suspension, validated and restored on resume (before onResumed), or the resume is refused. */
class SessionStateTest {

    record Cart(int version, List<String> items) {
    }

    private final Recorder recorder = new Recorder();
    private final Map<String, List<String>> carts = new ConcurrentHashMap<>();
    private final AtomicInteger schema = new AtomicInteger(1);
    private final List<String> events = new CopyOnWriteArrayList<>();

    private Hub hub() {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).listener(new ConnectionListener() {
            @Override
            public void onResumed(Client client) {
                events.add("onResumed, cart " + carts.get(client.id()));
            }
        }).build();
        hub.state("cart",
                client -> {
                    events.add("save");
                    List<String> items = carts.remove(client.id());
                    return items == null ? null : new Cart(schema.get(), items);
                },
                (Client client, Cart cart) -> {
                    events.add("restore");
                    carts.put(client.id(), cart.items());
                },
                cart -> cart.version() == schema.get());
        return hub;
    }

    /** Alice connects, puts {@code cart} in her state, loses her socket and is suspended. @return her {@code connected} */
    private JsonObject suspendedWithCart(TestServer server, List<String> cart) {
        WsClient client = WsClient.connect(server.uri());
        JsonObject connected = client.authenticate("alice");
        carts.put(Resumes.id(connected), cart);
        client.abort();
        Eventually.until("suspended", () -> recorder.suspended.size() == 1);
        return connected;
    }

    @Test
    void stateSavedAtSuspensionIsRestoredBeforeOnResumed() {
        Hub hub = hub();
        try (TestServer server = TestServer.start(hub)) {
            JsonObject connected = suspendedWithCart(server, List.of("book", "pen"));
            String id = Resumes.id(connected);
            assertFalse(carts.containsKey(id), "save ran at suspension");
            try (WsClient again = WsClient.connect(server.uri())) {
                assertTrue(recovered(resume(again, token(connected), 0)));
                Eventually.until("onResumed", () -> events.size() == 3);
                assertEquals(List.of("save", "restore", "onResumed, cart [book, pen]"), events);
            }
        }
    }

    @Test
    void stateThatFailsValidationRefusesTheResumeAndEndsTheSession() {
        Hub hub = hub();
        try (TestServer server = TestServer.start(hub)) {
            JsonObject connected = suspendedWithCart(server, List.of("book"));
            schema.incrementAndGet();
            try (WsClient again = WsClient.connect(server.uri())) {
                JsonObject resumed = resume(again, token(connected), 0);
                assertFalse(recovered(resumed));
                assertEquals("STATE_REJECTED", reason(resumed));
                Eventually.until("ended", () -> recorder.disconnected.size() == 1);
                assertEquals(CloseCodes.SESSION_NOT_RECOVERED, recorder.disconnected.get(0).code());
                assertEquals(List.of("save"), events, "nothing restored, no onResumed");
                assertEquals(0, hub.userCount());
            }
        }
    }
}
