package dev.switchboard.client;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.client.Clients.await;
import static dev.switchboard.client.Clients.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connecting and authenticating with the SDK against a real server (no message handler installed). */
class AuthenticationTest {

    static TestServer server;
    static Hub hub;

    @BeforeAll
    static void start() {
        hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build();
        hub.method("math:double", ctx -> 2 * ctx.payload(Integer.class));
        server = TestServer.start(hub);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void authenticateCompletesWithTheServersIdentity() {
        try (SwitchboardClient client = Clients.connected(server)) {
            assertTrue(client.isOpen());
            assertNull(client.connected());
            Connected me = await(client.authenticate(Map.of("user", "alice")));
            assertEquals("alice", me.userId());
            assertTrue(hub.client(me.id()).isPresent(), "the id is the server's client id");
            assertEquals("alice", hub.client(me.id()).orElseThrow().userId());
            assertTrue(Math.abs(System.currentTimeMillis() - me.time()) < 60_000);
            assertEquals(me, client.connected());
            assertEquals(me, await(client.authenticate(Map.of("user", "alice"))), "a second call is the same attempt");
            assertEquals(84, await(client.request("math:double", 42, Integer.class)));
        }
    }

    @Test
    void rejectedCredentialsFailTheFutureAndCloseWith4003() throws Exception {
        SwitchboardClient client = Clients.connected(server);
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        client.onClose((code, reason) -> closed.complete(code));
        CompletableFuture<Connected> attempt = client.authenticate(Map.of("user", "reject"));

        ExecutionException failed = assertThrows(ExecutionException.class, () -> attempt.get(10, TimeUnit.SECONDS));
        AuthenticationException refused = assertInstanceOf(AuthenticationException.class, failed.getCause());
        assertEquals(ErrorCodes.AUTHENTICATION_FAILED, refused.code());
        assertEquals(CloseCodes.AUTH_FAILED, refused.closeCode());
        assertEquals(CloseCodes.AUTH_FAILED, closed.get(10, TimeUnit.SECONDS));
        assertFalse(client.isOpen());
        assertNull(client.connected());
        assertEquals(ErrorCodes.DISCONNECTED, code(client.request("math:double", 1, Integer.class)));
        assertThrows(ExecutionException.class, () -> client.connect().get(10, TimeUnit.SECONDS),
                "a closed client does not reconnect");
        client.close();
    }

    @Test
    void authenticatorFailureIsAnAuthenticationFailureToo() {
        try (SwitchboardClient client = Clients.connected(server)) {
            RpcException failure = Clients.failure(client.authenticate(Map.of("user", "boom")));
            assertInstanceOf(AuthenticationException.class, failure);
            assertEquals(ErrorCodes.AUTHENTICATION_FAILED, failure.code());
            assertFalse(failure.getMessage().contains("exploded"), failure.getMessage());
        }
    }

    @Test
    void requestsAndJoinsBeforeAuthenticationAreRefusedByTheServer() {
        try (SwitchboardClient client = Clients.connected(server)) {
            assertEquals(ErrorCodes.NOT_AUTHENTICATED, code(client.request("math:double", 1, Integer.class)));
            assertEquals(ErrorCodes.NOT_AUTHENTICATED, code(client.join("lobby")));
            await(client.authenticate(Map.of("user", "bob")));
            assertEquals(2, await(client.request("math:double", 1, Integer.class)));
        }
    }

    @Test
    void serverErrorsThatAnswerNothingGoToTheErrorListener() {
        try (SwitchboardClient client = Clients.authenticated(server, "carol")) {
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            client.onError(errors::add);
            await(client.emit("chat", Map.of("text", "hi")));
            Eventually.until("UNKNOWN_EVENT reported", () -> errors.stream().anyMatch(e ->
                    e instanceof RpcException rpc && rpc.code().equals(ErrorCodes.UNKNOWN_EVENT)));
            assertThrows(IllegalArgumentException.class, () -> client.emit("request", Map.of()));
        }
    }

    @Test
    void connectFailsWhenNothingListens() {
        TestServer other = TestServer.start(Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build());
        java.net.URI gone = other.uri();
        other.close();
        SwitchboardClient client = SwitchboardClient.builder(gone).build();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThrows(ExecutionException.class, () -> client.connect().get(10, TimeUnit.SECONDS),
                    "a failed handshake may be retried, and fails again");
        }
        assertFalse(client.isOpen());
        client.close();
    }

    @Test
    void aHandshakeThatCannotStartFailsTheFutureNotTheCaller() {
        SwitchboardClient client = SwitchboardClient.builder(server.uri()).header("Connection", "forbidden").build();
        for (int attempt = 0; attempt < 2; attempt++) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> client.connect().get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalArgumentException.class, failed.getCause());
        }
        client.close();
    }

    @Test
    void closeIsIdempotentAndToldOnce() throws Exception {
        SwitchboardClient client = Clients.authenticated(server, "dave");
        String id = client.connected().id();
        List<Integer> codes = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> told = new CompletableFuture<>();
        client.onClose((code, reason) -> {
            codes.add(code);
            told.complete(null);
        });
        client.close();
        client.close();
        told.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(CloseCodes.NORMAL), codes);
        Eventually.until("server forgot the client", () -> hub.client(id).isEmpty());
        assertSame(Boolean.FALSE, client.isOpen());
        assertEquals(ErrorCodes.DISCONNECTED, code(client.join("lobby")));
        assertEquals(ErrorCodes.DISCONNECTED, code(client.emit("chat", "late")));
        assertEquals(ErrorCodes.DISCONNECTED, code(client.request("math:double", 1, Integer.class)));
    }
}
