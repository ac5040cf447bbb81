package dev.switchboard.core.it;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Method RPC on the wire, driven by a raw WebSocket client (no SDK). */
class RpcWireTest {

    public record Sum(int a, int b) {
    }

    static TestServer server;
    static Hub hub;
    static final List<String> cancelled = new CopyOnWriteArrayList<>();
    static final List<String> lateAnswers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .requestTimeout(Duration.ofMillis(800)).maxInFlightRequests(3).build();
        hub.method("math:add", ctx -> {
            Sum sum = ctx.payload(Sum.class);
            return sum.a() + sum.b();
        });
        hub.namespace("users").method("whoami", ctx -> ctx.success(Map.of(
                "user", ctx.client().userId(), "tenant", ctx.client().handshake().pathParameter("tenant"))));
        hub.method("async:value", ctx -> CompletableFuture.supplyAsync(() -> "later"));
        hub.method("fail:app", ctx -> {
            throw new RpcException("VALIDATION_ERROR", "name is required");
        });
        hub.method("fail:bug", ctx -> {
            throw new IllegalStateException("secret internals");
        });
        hub.method("fail:async", ctx -> CompletableFuture.failedFuture(new IllegalStateException("async internals")));
        hub.method("slow:never", ctx -> {
            ctx.onCancel(() -> cancelled.add(ctx.requestId()));
            return null;
        });
        hub.method("slow:short", Duration.ofMillis(100), ctx -> null);
        hub.method("twice", ctx -> {
            ctx.success("first");
            lateAnswers.add(String.valueOf(ctx.success("second")));
            return null;
        });
        hub.method("progress", ctx -> {
            ctx.notification(Map.of("step", 1));
            ctx.notification(Map.of("step", 2));
            return "done";
        });
        hub.use(ctx -> {
            if (ctx.method().startsWith("admin:") && !"root".equals(ctx.client().userId())) {
                throw new RpcException("FORBIDDEN", "admins only");
            }
        });
        hub.method("admin:stats", ctx -> Map.of("clients", hub.clientCount()));
        server = TestServer.start(hub);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient client(String user) {
        return WsClient.authenticated(server.uri(), user);
    }

    private static JsonObject call(WsClient client, String id, String method, String data) {
        client.send("{\"event\":\"request\",\"id\":\"" + id + "\",\"method\":\"" + method + "\""
                + (data == null ? "" : ",\"data\":" + data) + "}");
        JsonObject response = client.await("response");
        assertEquals(id, response.getString("id"));
        return response;
    }

    private static String errorCode(JsonObject response) {
        return response.getJsonObject("error").getString("code");
    }

    @Test
    void typedPayloadAndReturnValueAnswer() {
        try (WsClient client = client("alice")) {
            JsonObject response = call(client, "1", "math:add", "{\"a\":2,\"b\":3}");
            assertEquals(5, response.getInt("data"));
            assertFalse(response.containsKey("error"));
        }
    }

    @Test
    void namespacedMethodSeesTheCaller() {
        try (WsClient client = client("alice")) {
            JsonObject data = call(client, "w", "users:whoami", null).getJsonObject("data");
            assertEquals("alice", data.getString("user"));
            assertEquals("acme", data.getString("tenant"));
        }
    }

    @Test
    void completionStageAnswers() {
        try (WsClient client = client("alice")) {
            assertEquals("later", call(client, "a", "async:value", null).getString("data"));
        }
    }

    @Test
    void integerIdsAreAccepted() {
        try (WsClient client = client("alice")) {
            client.send("{\"event\":\"request\",\"id\":42,\"method\":\"math:add\",\"data\":{\"a\":1,\"b\":1}}");
            JsonObject response = client.await("response");
            assertEquals("42", response.getString("id"));
            assertEquals(2, response.getInt("data"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nope:nothing | | METHOD_NOT_FOUND",
            "math:add | \"not an object\" | INVALID_MESSAGE_FORMAT",
            "math:add | {\"a\":\"x\",\"b\":1} | INVALID_MESSAGE_FORMAT",
            "fail:app | | VALIDATION_ERROR",
            "fail:bug | | INTERNAL_ERROR",
            "fail:async | | INTERNAL_ERROR",
            "admin:stats | | FORBIDDEN",
            "slow:short | | REQUEST_TIMEOUT"})
    void errorsAnswerWithTheirCodeAndNoInternals(String method, String data, String code) {
        try (WsClient client = client("alice")) {
            JsonObject response = call(client, "e", method, data);
            assertEquals(code, errorCode(response));
            assertFalse(response.toString().contains("internals"), response.toString());
            assertFalse(response.toString().contains("Exception"), response.toString());
        }
    }

    @Test
    void interceptorLetsAllowedCallersThrough() {
        try (WsClient client = client("root")) {
            assertTrue(call(client, "s", "admin:stats", null).getJsonObject("data").getInt("clients") >= 1);
        }
    }

    @Test
    void malformedRequestsOnTheWire() {
        try (WsClient client = client("alice")) {
            client.send("{\"event\":\"request\",\"method\":\"math:add\"}");
            JsonObject noId = client.await("error");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, noId.getJsonObject("data").getString("code"));

            client.send("{\"event\":\"request\",\"id\":\"m\"}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, errorCode(client.await("response")));

            client.send("{\"event\":\"request\",\"id\":{\"x\":1},\"method\":\"math:add\"}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, client.await("error").getJsonObject("data").getString("code"));

            client.send("{\"event\":\"request\",\"id\":\"m2\",\"method\":7}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, client.await("error").getJsonObject("data").getString("code"));

            client.send("{\"event\":\"cancel\"}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, client.await("error").getJsonObject("data").getString("code"));

            client.send("{\"event\":\"response\",\"id\":\"x\",\"error\":\"boom\"}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, client.await("error").getJsonObject("data").getString("code"));
            assertEquals(3, call(client, "ok", "math:add", "{\"a\":1,\"b\":2}").getInt("data"), "connection stays");
        }
    }

    @Test
    void cancelIsObservedByTheHandlerAndAnsweredOnce() throws Exception {
        try (WsClient client = client("alice")) {
            client.send("{\"event\":\"request\",\"id\":\"c1\",\"method\":\"slow:never\"}");
            Eventually.until("call registered", () -> hub.requestsInFlight() > 0);
            client.send("{\"event\":\"cancel\",\"id\":\"c1\"}");
            JsonObject response = client.await("response");
            assertEquals("c1", response.getString("id"));
            assertEquals(ErrorCodes.REQUEST_CANCELLED, errorCode(response));
            assertTrue(cancelled.contains("c1"));
            client.send("{\"event\":\"cancel\",\"id\":\"c1\"}");
            client.assertNothingPending("no second answer");
        }
    }

    @Test
    void handlerWithoutAnswerTimesOutAndSeesTheCancellation() {
        try (WsClient client = client("alice")) {
            JsonObject response = call(client, "t1", "slow:never", null);
            assertEquals(ErrorCodes.REQUEST_TIMEOUT, errorCode(response));
            assertTrue(cancelled.contains("t1"));
        }
    }

    @Test
    void onlyTheFirstAnswerIsSent() throws Exception {
        try (WsClient client = client("alice")) {
            assertEquals("first", call(client, "d", "twice", null).getString("data"));
            // the handler's second success() has returned (and was refused) before the barrier goes out
            Eventually.until("the second answer was tried", () -> !lateAnswers.isEmpty());
            client.assertNothingPending("only the first answer is sent");
            assertEquals(List.of("false"), lateAnswers);
        }
    }

    @Test
    void notificationsPrecedeTheResponse() {
        try (WsClient client = client("alice")) {
            client.send("{\"event\":\"request\",\"id\":\"p\",\"method\":\"progress\"}");
            for (int step = 1; step <= 2; step++) {
                JsonObject note = client.next();
                assertEquals("notification", note.getString("event"));
                assertEquals("p", note.getString("id"));
                assertEquals(step, note.getJsonObject("data").getInt("step"));
            }
            assertEquals("done", client.await("response").getString("data"));
        }
    }

    @Test
    void requestsInFlightAreBoundedAndDuplicatesRefused() {
        try (WsClient client = client("alice")) {
            for (int i = 0; i < 3; i++) {
                client.send("{\"event\":\"request\",\"id\":\"b" + i + "\",\"method\":\"slow:never\"}");
            }
            client.send("{\"event\":\"request\",\"id\":\"b1\",\"method\":\"slow:never\"}");
            JsonObject duplicate = client.await("error");
            assertEquals("b1", duplicate.getString("id"));
            client.send("{\"event\":\"request\",\"id\":\"b9\",\"method\":\"slow:never\"}");
            JsonObject refused = client.await("response");
            assertEquals("b9", refused.getString("id"));
            assertEquals(ErrorCodes.TOO_MANY_REQUESTS, errorCode(refused));
        }
        Eventually.until("calls forgotten with the connection", () -> hub.requestsInFlight() == 0);
    }

    @Test
    void serverRequestIsAnsweredByTheClient() throws Exception {
        try (WsClient client = WsClient.connect(server.uri())) {
            String id = client.authenticate("alice").getJsonObject("data").getString("id");
            CompletableFuture<Sum> answer = hub.request(id, "client:swap", new Sum(1, 2), Sum.class);
            JsonObject request = client.await("request");
            assertEquals("client:swap", request.getString("method"));
            assertEquals(2, request.getJsonObject("data").getInt("b"));
            client.send("{\"event\":\"response\",\"id\":\"" + request.getString("id") + "\",\"data\":{\"a\":2,\"b\":1}}");
            assertEquals(new Sum(2, 1), answer.get(5, TimeUnit.SECONDS));

            CompletableFuture<Sum> refused = hub.request(id, "client:swap", null, Sum.class);
            String serverId = client.await("request").getString("id");
            client.send("{\"event\":\"response\",\"id\":\"" + serverId + "\",\"error\":{\"code\":\"NOPE\",\"message\":\"no\"}}");
            assertEquals("NOPE", rpcCode(refused));
        }
    }

    @Test
    void serverRequestTimesOutAndTheClientIsToldToCancel() throws Exception {
        try (WsClient client = WsClient.connect(server.uri())) {
            String id = client.authenticate("alice").getJsonObject("data").getString("id");
            CompletableFuture<String> answer = hub.request(id, "client:slow", null, String.class, Duration.ofMillis(200));
            String serverId = client.await("request").getString("id");
            assertEquals(ErrorCodes.REQUEST_TIMEOUT, rpcCode(answer));
            JsonObject cancel = client.await("cancel");
            assertEquals(serverId, cancel.getString("id"));
            client.send("{\"event\":\"response\",\"id\":\"" + serverId + "\",\"data\":\"too late\"}");
            client.assertNothingPending("a late response is ignored");
        }
    }

    @Test
    void serverRequestFailsWhenTheClientDisconnects() throws Exception {
        WsClient client = WsClient.connect(server.uri());
        String id = client.authenticate("alice").getJsonObject("data").getString("id");
        CompletableFuture<String> answer = hub.request(id, "client:slow", null, String.class, Duration.ofSeconds(30));
        client.await("request");
        client.abort();
        assertEquals(ErrorCodes.DISCONNECTED, rpcCode(answer));
        assertEquals(ErrorCodes.DISCONNECTED, rpcCode(hub.request(id, "client:slow", null, String.class)));
        assertEquals(ErrorCodes.DISCONNECTED, rpcCode(hub.request("nobody", "client:slow", null, String.class)));
    }

    private static String rpcCode(CompletableFuture<?> future) throws Exception {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(RpcException.class, failure.getCause()).code();
    }
}
