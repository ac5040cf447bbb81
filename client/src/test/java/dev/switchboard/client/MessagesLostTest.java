package dev.switchboard.client;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.switchboard.client.Clients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Close code 4009 (cluster messages for the session were lost): the client does not try to resume
 * the dead session; it reports {@code MESSAGES_LOST}, authenticates anew and joins its rooms again.
 * The lists are written on the client's lane and read by the test thread.
 */
class MessagesLostTest {

    @Test
    void after4009TheClientAuthenticatesAnewWithoutResumingAndRejoinsItsRooms() {
        Hub hub = Resumes.hub(new Recorder(), Resumption.enabled(Resumes.KEY)).build();
        try (TestServer server = TestServer.start(hub);
             SwitchboardClient client = SwitchboardClient.builder(server.uri()).requestTimeout(Clients.WAIT)
                     .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(50)).build()) {
            List<String> failed = new CopyOnWriteArrayList<>();
            List<Connected> again = new CopyOnWriteArrayList<>();
            List<Integer> events = new CopyOnWriteArrayList<>();
            List<Integer> resumed = new CopyOnWriteArrayList<>();
            client.onRecoveryFailed(failed::add);
            client.onReauthenticated(again::add);
            client.onResumed(resumed::add);
            client.on("m", Integer.class, events::add);
            await(client.connect());
            String first = await(client.authenticate(Map.of("user", "alice"))).id();
            await(client.join("r"));

            hub.client(first).orElseThrow().close(CloseCodes.MESSAGES_LOST, "Messages lost, resync");
            Eventually.until("authenticated anew", () -> again.size() == 1);
            assertEquals(List.of(Reconnector.MESSAGES_LOST), failed, "told once, with the reason");
            assertEquals(List.of(), resumed, "no resume of the ended session");
            assertNotEquals(first, again.get(0).id());
            Eventually.until("rooms joined again", () -> hub.clientsInRoom("r").size() == 1);
            hub.sendToRoom("r", "m", 1, List.of());
            Eventually.until("events arrive", () -> events.equals(List.of(1)));
        }
    }
}
