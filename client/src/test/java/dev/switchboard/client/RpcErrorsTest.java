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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.client.Clients.await;
import static dev.switchboard.client.Clients.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every RPC error code, provoked through the SDK against a real server. */
class RpcErrorsTest {

    public record Sum(int a, int b) {
    }

    static final int MAX_IN_FLIGHT = 4;
    static TestServer server;
    static Hub hub;
    /** Tokens of {@code slow:watch} calls the server is running, and of those it saw cancelled. */
    static final Set<String> started = ConcurrentHashMap.newKeySet();
    static final Map<String, String> cancelled = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .requestTimeout(Duration.ofSeconds(5)).maxInFlightRequests(MAX_IN_FLIGHT).build();
        hub.method("math:add", ctx -> {
            Sum sum = ctx.payload(Sum.class);
            return sum.a() + sum.b();
        });
        hub.method("fail:bug", ctx -> {
            throw new IllegalStateException("secret internals at line 42");
        });
        hub.method("fail:app", ctx -> {
            throw new RpcException("VALIDATION_ERROR", "name is required");
        });
        hub.method("slow:short", Duration.ofMillis(150), ctx -> null);
        hub.method("slow:watch", ctx -> {
            String token = ctx.payload(String.class);
            ctx.onCancel(() -> cancelled.put(token, ctx.isCancelled() ? "cancelled" : "not flagged"));
            started.add(token);
            return null;
        });
        hub.use(ctx -> {
            if (ctx.method().startsWith("admin:") && !"root".equals(ctx.client().userId())) {
                throw new RpcException("FORBIDDEN", "admins only");
            }
        });
        hub.method("admin:stats", ctx -> hub.clientCount());
        server = TestServer.start(hub);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unknownMethod() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            RpcException failure = Clients.failure(client.request("nope:nothing", null, String.class));
            assertEquals(ErrorCodes.METHOD_NOT_FOUND, failure.code());
            assertTrue(failure.getMessage().contains("nope:nothing"), failure.getMessage());
        }
    }

    @Test
    void payloadThatDoesNotFitTheHandlersType() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, code(client.request("math:add", "not an object", Integer.class)));
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT,
                    code(client.request("math:add", Map.of("a", "x", "b", 1), Integer.class)));
            assertEquals(5, await(client.request("math:add", new Sum(2, 3), Integer.class)), "the connection stays");
        }
    }

    @Test
    void answerThatDoesNotFitTheRequestedType() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, code(client.request("math:add", new Sum(2, 3), Sum.class)));
        }
    }

    @Test
    void handlerBugIsAnInternalErrorWithoutInternals() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            RpcException failure = Clients.failure(client.request("fail:bug", null, String.class));
            assertEquals(ErrorCodes.INTERNAL_ERROR, failure.code());
            assertFalse(failure.getMessage().contains("secret"), failure.getMessage());
            assertFalse(failure.getMessage().contains("Exception"), failure.getMessage());
            assertFalse(failure.getMessage().contains("line 42"), failure.getMessage());
        }
    }

    @Test
    void applicationCodesReachTheCaller() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            RpcException failure = Clients.failure(client.request("fail:app", null, String.class));
            assertEquals("VALIDATION_ERROR", failure.code());
            assertEquals("name is required", failure.getMessage());
        }
    }

    @Test
    void interceptorRejectsWithItsCode() {
        try (SwitchboardClient alice = Clients.authenticated(server, "alice");
             SwitchboardClient root = Clients.authenticated(server, "root")) {
            RpcException failure = Clients.failure(alice.request("admin:stats", null, Integer.class));
            assertEquals("FORBIDDEN", failure.code());
            assertEquals("admins only", failure.getMessage());
            assertTrue(await(root.request("admin:stats", null, Integer.class)) >= 2);
        }
    }

    @Test
    void serverSideTimeout() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            assertEquals(ErrorCodes.REQUEST_TIMEOUT, code(client.request("slow:short", null, String.class)));
        }
    }

    @Test
    void clientSideTimeoutCancelsTheCallOnTheServer() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            CompletableFuture<String> call = client.request("slow:watch", "timeout-1", String.class, Duration.ofMillis(300));
            RpcException failure = Clients.failure(call);
            assertEquals(ErrorCodes.REQUEST_TIMEOUT, failure.code());
            assertTrue(failure.getMessage().contains("slow:watch"), failure.getMessage());
            Eventually.equal("server saw the cancel", "cancelled", () -> cancelled.get("timeout-1"));
        }
    }

    @Test
    void cancelMidFlightRunsTheServersOnCancel() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            CompletableFuture<String> call = client.request("slow:watch", "cancel-1", String.class);
            Eventually.until("handler running", () -> started.contains("cancel-1"));
            assertTrue(client.cancel(call));
            assertTrue(call.isDone(), "the future fails at once");
            assertEquals(ErrorCodes.REQUEST_CANCELLED, code(call));
            Eventually.equal("server saw the cancel", "cancelled", () -> cancelled.get("cancel-1"));
            assertFalse(client.cancel(call), "only once");
            assertEquals(5, await(client.request("math:add", new Sum(2, 3), Integer.class)));
        }
    }

    @Test
    void cancellingTheFutureItselfCancelsOnTheServer() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            CompletableFuture<String> call = client.request("slow:watch", "cancel-2", String.class);
            Eventually.until("handler running", () -> started.contains("cancel-2"));
            assertTrue(call.cancel(true));
            Eventually.equal("server saw the cancel", "cancelled", () -> cancelled.get("cancel-2"));
        }
    }

    @Test
    void tooManyRequestsThenDisconnectedOnClose() throws Exception {
        SwitchboardClient client = Clients.authenticated(server, "alice");
        List<CompletableFuture<String>> slow = new ArrayList<>();
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            slow.add(client.request("slow:watch", "full-" + i, String.class));
        }
        Eventually.until("all running", () -> started.containsAll(List.of("full-0", "full-1", "full-2", "full-3")));
        assertEquals(ErrorCodes.TOO_MANY_REQUESTS, code(client.request("math:add", new Sum(1, 1), Integer.class)));
        assertTrue(slow.stream().noneMatch(CompletableFuture::isDone));

        client.close();
        for (CompletableFuture<String> call : slow) {
            RpcException failure = Clients.failure(call);
            assertEquals(ErrorCodes.DISCONNECTED, failure.code());
        }
        Eventually.until("server cancelled the orphans", () -> cancelled.keySet().containsAll(
                List.of("full-0", "full-1", "full-2", "full-3")));
        assertEquals(ErrorCodes.DISCONNECTED, code(client.request("math:add", new Sum(1, 1), Integer.class)));
        assertThrows(java.util.concurrent.ExecutionException.class,
                () -> client.emit("chat", "after close").get(5, TimeUnit.SECONDS));
    }
}
