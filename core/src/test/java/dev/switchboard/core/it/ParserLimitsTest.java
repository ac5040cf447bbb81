package dev.switchboard.core.it;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.RawWsClient;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parser limits and JSON-B failures are bad input (issue 14, item 3): deep nesting, huge numbers,
 * invalid UTF-8 and wrong types in every field get {@code error} {@code INVALID_MESSAGE_FORMAT} (with
 * the frame's id when it could be read), the socket stays open and, with resumption on, nothing is
 * suspended. One live Tyrus server for the class.
 */
class ParserLimitsTest {

    static final Recorder recorder = new Recorder();
    static TestServer server;

    static final String DEEP_ARRAYS = "[".repeat(5000) + "]".repeat(5000);
    static final String DEEP_OBJECTS = "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
    static final String LONG_NUMBER = "1".repeat(2000);

    @BeforeAll
    static void start() {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY))
                .messageHandler((client, message) -> client.send("echo", message.data(Object.class)))
                .build();
        hub.method("echo:data", ctx -> ctx.payload(Object.class));
        server = TestServer.start(hub);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        recorder.suspended.clear();
    }

    @AfterEach
    void nothingSuspended() {
        assertEquals(java.util.List.of(), recorder.suspended, "bad input never suspends a session");
    }

    /** A frame, whether it is sent after authentication, and the id the error must echo (or null). */
    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of("5,000 nested arrays", DEEP_ARRAYS, null),
                Arguments.of("129 levels of nesting", frame("echo", "[".repeat(128) + "]".repeat(128)), null),
                Arguments.of("5,000 nested arrays in data", frame("echo", DEEP_ARRAYS), null),
                Arguments.of("3,000 nested objects in data", frame("echo", DEEP_OBJECTS), null),
                Arguments.of("3,000 nested objects in join", frame("join", DEEP_OBJECTS), null),
                Arguments.of("deep data after a readable id",
                        "{\"id\":\"d1\",\"event\":\"echo\",\"data\":" + DEEP_ARRAYS + "}", "d1"),
                Arguments.of("2,000-digit data", frame("echo", LONG_NUMBER), null),
                Arguments.of("2,000-digit id", "{\"event\":\"echo\",\"id\":" + LONG_NUMBER + "}", null),
                Arguments.of("2,000-digit room", frame("join", "{\"rooms\":[" + LONG_NUMBER + "]}"), null),
                Arguments.of("2,000-digit credentials", frame("authenticate", "{\"user\":" + LONG_NUMBER + "}"), null),
                Arguments.of("2,000-digit lastSeq",
                        frame("resume", "{\"token\":\"t\",\"lastSeq\":" + LONG_NUMBER + "}"), null),
                Arguments.of("2,000-digit request data",
                        "{\"event\":\"request\",\"id\":\"r1\",\"method\":\"echo:data\",\"data\":" + LONG_NUMBER + "}", "r1"),
                Arguments.of("huge exponent id", "{\"event\":\"echo\",\"id\":1e999999999}", null),
                Arguments.of("event as number", "{\"event\":1}", null),
                Arguments.of("event as object", "{\"event\":{\"a\":1},\"id\":\"e1\"}", "e1"),
                Arguments.of("id as object", "{\"event\":\"echo\",\"id\":{}}", null),
                Arguments.of("id as fraction", "{\"event\":\"echo\",\"id\":1.5}", null),
                Arguments.of("method as array", "{\"event\":\"request\",\"id\":\"m1\",\"method\":[]}", "m1"),
                Arguments.of("error as string", "{\"event\":\"response\",\"id\":\"x1\",\"error\":\"bad\"}", "x1"),
                Arguments.of("lone surrogate id", "{\"event\":\"echo\",\"id\":\"\\ud800\"}", null),
                Arguments.of("lone high surrogate event", "{\"event\":\"\\ud800\",\"id\":\"s1\"}", "s1"),
                Arguments.of("lone low surrogate in data",
                        "{\"event\":\"echo\",\"id\":\"s2\",\"data\":\"a\\udc00b\"}", "s2"),
                Arguments.of("lone surrogate in a key",
                        "{\"event\":\"echo\",\"id\":\"s3\",\"data\":{\"\\ud800\":1}}", "s3"));
    }

    static Stream<Arguments> badFramesInBothStates() {
        return badFrames().flatMap(args -> Stream.of(false, true).map(auth ->
                Arguments.of(args.get()[0], args.get()[1], args.get()[2], auth)));
    }

    @ParameterizedTest(name = "{0}, authenticated={3}")
    @MethodSource("badFramesInBothStates")
    void parserAndTypeFailuresAreInvalidMessageFormat(String what, String frame, String id, boolean authenticated) {
        try (WsClient client = WsClient.connect(server.uri())) {
            if (authenticated) {
                client.authenticate("alice");
            }
            client.send(frame);
            JsonObject error = client.next();
            assertEquals("error", error.getString("event"), what + ": " + error);
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, error.getJsonObject("data").getString("code"), what);
            assertEquals(id, error.getString("id", null), what + ": the id echoed");
            assertFalse(error.toString().contains("Exception"), error.toString());
            assertStillServed(client, authenticated);
        }
    }

    /** Wrong JSON types in the data of each protocol event, after authentication. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"event\":\"join\",\"id\":\"w\",\"data\":\"lobby\"}",
            "{\"event\":\"join\",\"id\":\"w\",\"data\":{\"rooms\":\"lobby\"}}",
            "{\"event\":\"join\",\"id\":\"w\",\"data\":{\"rooms\":[1,2]}}",
            "{\"event\":\"join\",\"id\":\"w\",\"data\":[]}",
            "{\"event\":\"leave\",\"id\":\"w\",\"data\":\"lobby\"}",
            "{\"event\":\"leave\",\"id\":\"w\",\"data\":{\"rooms\":{}}}",
            "{\"event\":\"leave\",\"id\":\"w\",\"data\":{\"rooms\":[null]}}"})
    void wrongDataTypesInRoomEvents(String frame) {
        try (WsClient client = WsClient.authenticated(server.uri(), "alice")) {
            client.send(frame);
            JsonObject error = client.await("error");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, error.getJsonObject("data").getString("code"));
            assertEquals("w", error.getString("id"));
            assertStillServed(client, true);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\"token\"", "[]", "1", "{\"token\":1,\"lastSeq\":0}",
            "{\"token\":\"t\",\"lastSeq\":\"0\"}", "{\"token\":\"t\",\"lastSeq\":-1}", "{\"token\":\"t\",\"lastSeq\":0.5}",
            "{\"token\":\"t\",\"lastSeq\":1e999999999}", "{\"token\":[],\"lastSeq\":0}"})
    void wrongDataTypesInResume(String data) {
        try (WsClient client = WsClient.connect(server.uri())) {
            client.send("{\"event\":\"resume\",\"id\":\"w\",\"data\":" + data + "}");
            JsonObject error = client.next();
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, error.getJsonObject("data").getString("code"), data);
            assertEquals("w", error.getString("id"));
            assertStillServed(client, false);
        }
    }

    /** Credentials that do not fit the authenticator's type are refused, as documented: error, then 4003. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\"alice\"", "[]", "1", "{\"user\":[]}", "{\"user\":{}}",
            "{\"user\":\"a\",\"role\":{}}", "{\"user\":\"a\",\"role\":[[[[[[[[[[[[]]]]]]]]]]]]}"})
    void wrongDataTypesInAuthenticate(String data) {
        try (WsClient client = WsClient.connect(server.uri())) {
            client.send("{\"event\":\"authenticate\",\"data\":" + data + "}");
            JsonObject error = client.next();
            assertEquals(ErrorCodes.AUTHENTICATION_FAILED, error.getJsonObject("data").getString("code"), data);
            assertEquals(4003, client.awaitClose());
        }
    }

    /**
     * A text frame that is not UTF-8 fails at the WebSocket layer: the container closes it with 1007
     * (RFC 6455, section 8.1) before the hub sees a message. It ends the connection like any close
     * from the client: a session is not suspended, and the client leaves every index.
     */
    @Test
    void invalidUtf8InATextFrameIsClosedWith1007AndNothingIsSuspended() {
        byte[][] payloads = {
                {(byte) 0xff, (byte) 0xfe},
                {(byte) 0xc0, (byte) 0xaf},
                {'{', '"', 'e', 'v', 'e', 'n', 't', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'},
                {(byte) 0xc3}};
        for (byte[] payload : payloads) {
            for (boolean authenticated : new boolean[]{false, true}) {
                int disconnects = recorder.disconnected.size();
                try (RawWsClient client = RawWsClient.connect(server.uri())) {
                    if (authenticated) {
                        client.sendText("{\"event\":\"authenticate\",\"data\":{\"user\":\"raw\"}}");
                        assertTrue(client.next().contains("\"connected\""));
                    }
                    client.send(RawWsClient.TEXT, payload);
                    assertEquals(1007, client.awaitClose());
                }
                if (authenticated) {
                    Eventually.until("disconnected", () -> recorder.disconnected.size() == disconnects + 1);
                    assertEquals(1007, recorder.disconnected.get(disconnects).code());
                }
                Eventually.until("no connection left", () -> server.hub().clientCount() == 0);
                assertEquals(0, server.hub().userCount());
            }
        }
        try (WsClient client = WsClient.authenticated(server.uri(), "alice")) {
            assertStillServed(client, true);
        }
    }

    /** Within the parser's limits, deep data and long numbers are ordinary data: echoed back by the handler. */
    @Test
    void deepDataWithinTheLimitIsServed() {
        try (WsClient client = WsClient.authenticated(server.uri(), "alice")) {
            String deep = "[".repeat(126) + "{\"a\":1}" + "]".repeat(126);
            client.send(frame("echo", deep));
            assertEquals(deep, client.await("echo").get("data").toString());
            String number = "9".repeat(1000);
            client.send(frame("echo", "[" + number + ",1e999999999]"));
            assertEquals("[" + number + ",1E+999999999]", client.await("echo").get("data").toString());
            assertStillServed(client, true);
        }
    }

    @Test
    void binaryFramesAreUnsupported() {
        try (WsClient client = WsClient.authenticated(server.uri(), "alice")) {
            client.sendBinary(new byte[]{(byte) 0xff, (byte) 0xfe, 0});
            assertEquals(ErrorCodes.UNSUPPORTED_FRAME, client.await("error").getJsonObject("data").getString("code"));
            assertStillServed(client, true);
        }
    }

    private static String frame(String event, String data) {
        return "{\"event\":\"" + event + "\",\"data\":" + data + "}";
    }

    /** A round trip through the same socket: it is open and served. */
    static void assertStillServed(WsClient client, boolean authenticated) {
        if (authenticated) {
            client.send("{\"event\":\"request\",\"id\":\"barrier\",\"method\":\"none:none\"}");
            JsonObject response = client.await("response");
            assertEquals(ErrorCodes.METHOD_NOT_FOUND, response.getJsonObject("error").getString("code"));
        } else {
            client.send("{\"event\":\"barrier\"}");
            assertEquals(ErrorCodes.NOT_AUTHENTICATED, client.await("error").getJsonObject("data").getString("code"));
        }
        assertFalse(client.isClosed());
    }
}
