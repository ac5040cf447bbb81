package dev.switchboard.core.it;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.core.testing.Resumes.recovered;
import static dev.switchboard.core.testing.Resumes.resume;
import static dev.switchboard.core.testing.Resumes.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RPC across a suspension: server requests wait in the replay buffer, lost responses are replayed. */
class QueuedRequestsTest {

    private final Recorder recorder = new Recorder();

    /** A client that authenticated and then lost its socket; its session is suspended. */
    private record Dropped(String id, String token) {
    }

    private Dropped dropped(TestServer server) {
        WsClient client = WsClient.connect(server.uri());
        JsonObject connected = client.authenticate("alice");
        client.abort();
        Eventually.until("suspended", () -> recorder.suspended.size() == 1);
        return new Dropped(Resumes.id(connected), token(connected));
    }

    private static String code(CompletableFuture<?> future) {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        return assertInstanceOf(RpcException.class, failure.getCause()).code();
    }

    @Test
    void aServerRequestMadeWhileSuspendedIsDeliveredOnResumeAndItsAnswerCompletesIt() throws Exception {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).build();
        try (TestServer server = TestServer.start(hub)) {
            Dropped session = dropped(server);
            CompletableFuture<String> answer = hub.request(session.id(), "device:locate", Map.of("precise", true),
                    String.class, Duration.ofSeconds(10));
            // No wait needed: the answer "here" below can only complete a future that never failed.
            assertFalse(answer.isDone(), "the request waits for the client instead of failing");
            try (WsClient client = WsClient.connect(server.uri())) {
                JsonObject resumed = resume(client, session.token(), 0);
                assertTrue(recovered(resumed));
                assertEquals(1, resumed.getJsonObject("data").getInt("replayed"));
                JsonObject request = client.await("request");
                assertEquals("device:locate", request.getString("method"));
                assertEquals(1, request.getInt("seq"));
                client.send("{\"event\":\"response\",\"id\":\"" + request.getString("id") + "\",\"data\":\"here\"}");
                assertEquals("here", answer.get(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void timeoutsKeepRunningWhileSuspendedAndTheCancelIsReplayedToo() throws Exception {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).build();
        try (TestServer server = TestServer.start(hub)) {
            Dropped session = dropped(server);
            CompletableFuture<String> answer = hub.request(session.id(), "device:locate", null, String.class,
                    Duration.ofMillis(300));
            assertEquals(ErrorCodes.REQUEST_TIMEOUT, code(answer));
            try (WsClient client = WsClient.connect(server.uri())) {
                assertTrue(recovered(resume(client, session.token(), 0)));
                JsonObject request = client.next();
                JsonObject cancel = client.next();
                assertEquals("request", request.getString("event"));
                assertEquals("cancel", cancel.getString("event"));
                assertEquals(request.getString("id"), cancel.getString("id"));
                assertEquals(2, cancel.getInt("seq"));
            }
        }
    }

    @Test
    void whenTheSessionExpiresItsPendingRequestsFailWithDisconnected() {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY).ttl(Duration.ofMillis(300))).build();
        try (TestServer server = TestServer.start(hub)) {
            Dropped session = dropped(server);
            CompletableFuture<String> answer = hub.request(session.id(), "device:locate", null, String.class,
                    Duration.ofSeconds(30));
            assertEquals(ErrorCodes.DISCONNECTED, code(answer));
            assertEquals(0, hub.requestsInFlight());
        }
    }

    @Test
    void aResponseLostWithTheSocketIsSentAgainOnResume() {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).build();
        CompletableFuture<String> gate = new CompletableFuture<>();
        hub.method("report:build", ctx -> gate);
        try (TestServer server = TestServer.start(hub)) {
            WsClient client = WsClient.connect(server.uri());
            JsonObject connected = client.authenticate("alice");
            client.send("{\"event\":\"request\",\"id\":\"7\",\"method\":\"report:build\"}");
            Eventually.until("the call is in flight", () -> hub.requestsInFlight() == 1);
            client.abort();
            Eventually.until("suspended", () -> recorder.suspended.size() == 1);
            gate.complete("done");
            try (WsClient again = WsClient.connect(server.uri())) {
                assertTrue(recovered(resume(again, token(connected), 0)));
                JsonObject response = again.await("response");
                assertEquals("7", response.getString("id"));
                assertEquals("done", response.getString("data"));
                assertEquals(1, response.getInt("seq"));
            }
        }
    }
}
