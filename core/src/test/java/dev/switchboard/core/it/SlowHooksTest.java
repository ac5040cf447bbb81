package dev.switchboard.core.it;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.core.testing.Resumes.recovered;
import static dev.switchboard.core.testing.Resumes.resume;
import static dev.switchboard.core.testing.Resumes.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Application hooks never run under a lock that delivery needs: a state namespace whose
 * {@code save} is stuck does not stall messages to the very session being saved, nor to anyone else.
 */
class SlowHooksTest {

    @Test
    void aStuckSaveDoesNotBlockDeliveryToItsSessionOrOthers() throws Exception {
        CountDownLatch saving = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Hub hub = Resumes.hub(new Recorder(), Resumption.enabled(Resumes.KEY)).build();
        hub.state("slow", client -> {
            saving.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "saved";
        }, (client, saved) -> { }, saved -> true);
        try (TestServer server = TestServer.start(hub); WsClient bob = WsClient.authenticated(server.uri(), "bob")) {
            WsClient alice = WsClient.connect(server.uri());
            JsonObject connected = alice.authenticate("alice");
            alice.abort();
            assertTrue(saving.await(WsClient.WAIT.toSeconds(), TimeUnit.SECONDS), "save started");

            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> hub.broadcast("ping", 1));
            sent.get(WsClient.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(1, bob.await("ping").getInt("data"), "others are served while the save is stuck");

            release.countDown();
            try (WsClient again = WsClient.connect(server.uri())) {
                JsonObject resumed = resume(again, token(connected), connected.getInt("seq", 0));
                assertTrue(recovered(resumed));
                assertEquals(1, again.await("ping").getInt("data"), "the suspended session kept the message");
            }
        } finally {
            release.countDown();
        }
    }
}
