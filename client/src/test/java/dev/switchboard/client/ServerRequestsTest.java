package dev.switchboard.client;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.switchboard.client.Clients.await;
import static dev.switchboard.client.Clients.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server → client requests ({@code hub.request}) answered by the SDK's {@code client.method(...)}. */
class ServerRequestsTest {

    public record Query(String precision) {
    }

    public record Location(double lat, double lon, String precision) {
    }

    static TestServer server;
    static Hub hub;

    @BeforeAll
    static void start() {
        hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build();
        hub.method("math:square", ctx -> {
            int n = ctx.payload(Integer.class);
            return n * n;
        });
        server = TestServer.start(hub);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @Test
    void typedRequestAnsweredWithAValue() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            client.method("device:locate", request -> {
                Query query = request.payload(Query.class);
                return new Location(48.85, 2.35, query.precision());
            });
            Location where = await(hub.request(client.connected().id(), "device:locate", new Query("fine"),
                    Location.class, FIVE_SECONDS));
            assertEquals(new Location(48.85, 2.35, "fine"), where);
        }
    }

    @Test
    void answeredLaterWithACompletionStage() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            client.method("device:battery", request -> CompletableFuture.supplyAsync(() -> 87));
            assertEquals(87, await(hub.request(client.connected().id(), "device:battery", null, Integer.class, FIVE_SECONDS)));
        }
    }

    @Test
    void rpcExceptionFromTheClientReachesTheServerWithItsCode() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            client.method("device:wipe", request -> {
                throw new RpcException("PERMISSION_DENIED", "the user said no");
            });
            client.method("device:async", request -> CompletableFuture.failedFuture(new RpcException("BUSY", "later")));
            String id = client.connected().id();
            RpcException failure = Clients.failure(hub.request(id, "device:wipe", null, String.class, FIVE_SECONDS));
            assertEquals("PERMISSION_DENIED", failure.code());
            assertEquals("the user said no", failure.getMessage());
            assertEquals("BUSY", code(hub.request(id, "device:async", null, String.class, FIVE_SECONDS)));
        }
    }

    @Test
    void otherExceptionsAreInternalErrorsWithoutTheirText() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            client.method("device:crash", request -> {
                throw new IllegalStateException("client secrets");
            });
            RpcException failure = Clients.failure(hub.request(client.connected().id(), "device:crash", null,
                    String.class, FIVE_SECONDS));
            assertEquals(ErrorCodes.INTERNAL_ERROR, failure.code());
            assertFalse(failure.getMessage().contains("secrets"), failure.getMessage());
        }
    }

    @Test
    void unknownMethodAndUndecodablePayload() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            client.method("device:locate", request -> new Location(0, 0, request.payload(Query.class).precision()));
            String id = client.connected().id();
            assertEquals(ErrorCodes.METHOD_NOT_FOUND, code(hub.request(id, "device:fly", null, String.class, FIVE_SECONDS)));
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT,
                    code(hub.request(id, "device:locate", "not a query", Location.class, FIVE_SECONDS)));
        }
    }

    @Test
    void serverTimesOutWhenTheClientNeverAnswersAndTheClientIsToldToStop() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            AtomicBoolean stopped = new AtomicBoolean();
            CompletableFuture<Object> neverDone = new CompletableFuture<>();
            client.method("device:hang", request -> {
                request.onCancel(() -> stopped.set(request.isCancelled()));
                return neverDone;
            });
            assertEquals(ErrorCodes.REQUEST_TIMEOUT, code(hub.request(client.connected().id(), "device:hang", null,
                    String.class, Duration.ofMillis(200))));
            Eventually.until("client ran onCancel after the server's cancel", stopped::get);
            Eventually.until("the handler's future was cancelled", neverDone::isCancelled);
        }
    }

    @Test
    void disconnectCancelsWhatTheClientIsAnswering() {
        SwitchboardClient client = Clients.authenticated(server, "alice");
        AtomicBoolean stopped = new AtomicBoolean();
        CompletableFuture<Boolean> asked = new CompletableFuture<>();
        client.method("device:hang", request -> {
            request.onCancel(() -> stopped.set(true));
            asked.complete(true);
            return new CompletableFuture<>();
        });
        CompletableFuture<String> call = hub.request(client.connected().id(), "device:hang", null, String.class, FIVE_SECONDS);
        assertTrue(await(asked));
        client.close();
        assertEquals(ErrorCodes.DISCONNECTED, code(call));
        Eventually.until("onCancel ran on close", stopped::get);
    }

    @Test
    void aClientMethodMayCallTheServerAndWaitForIt() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            client.method("device:sumOfSquares", request -> {
                int n = request.payload(Integer.class);
                int sum = 0;
                for (int i = 1; i <= n; i++) {
                    sum += client.request("math:square", i, Integer.class).join();
                }
                return sum;
            });
            assertEquals(55, await(hub.request(client.connected().id(), "device:sumOfSquares", 5, Integer.class, FIVE_SECONDS)));
        }
    }

    @Test
    void methodHandlersRunOffTheSocketThreadAndInOrder() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            client.method("device:thread", request -> Thread.currentThread().getName());
            String thread = await(hub.request(client.connected().id(), "device:thread", null, String.class, FIVE_SECONDS));
            assertTrue(thread.startsWith("switchboard-client-callback"), thread);
            assertNotEquals("", thread);
        }
    }
}
