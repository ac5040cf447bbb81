package dev.switchboard.core.fuzz;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.fuzz.Frames.Spec;
import dev.switchboard.core.fuzz.Oracle.Expect;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.CountingEndpoint;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.RawWsClient;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based fuzzing at a live server (issue 14, item 5): one Tyrus server for the class, real
 * WebSocket clients. Generated frames in any order before and after authentication, random bytes
 * and text, and mangled session tokens. After every try: each answer is the {@link Oracle}'s (and
 * {@link Documented}), nothing reached the container's {@code onError}, no session was suspended,
 * every index is empty once the client closed, and a normal client is served. Answers are awaited
 * behind a barrier (a request every state answers), never a sleep. Tries per property: core's pom
 * sets jqwik's default from {@code switchboard.fuzz.tries} (200; {@code -Dswitchboard.fuzz.tries=5000}).
 */
class LiveServerFuzzTest {

    static final Recorder recorder = new Recorder();
    static TestServer server;

    @BeforeContainer
    static void start() {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY))
                .messageHandler((client, message) -> client.send("echo", message.data(Object.class)))
                .build();
        hub.method("echo:data", ctx -> ctx.payload(Object.class));
        server = TestServer.startWith(hub, CountingEndpoint.class);
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<List<Spec>> sequences() {
        return Frames.specs().list().ofMinSize(1).ofMaxSize(10);
    }

    @Property
    void framesInAnyOrderGetTheOraclesAnswers(@ForAll("sequences") List<Spec> frames) {
        Oracle oracle = new Oracle();
        List<Expect> expected = new ArrayList<>();
        WsClient client = WsClient.connect(server.uri());
        List<Spec> sent = new ArrayList<>();
        for (Spec frame : frames) {
            client.send(frame.render());
            sent.add(frame);
            expected.addAll(oracle.answer(frame));
            if (oracle.state() == Oracle.State.CLOSED) {
                break;
            }
        }
        List<JsonObject> received;
        if (oracle.state() == Oracle.State.CLOSED) {
            assertEquals(4003, client.awaitClose(), () -> "sent " + sent);
            received = withoutTokens(client.drainReceived());
        } else {
            received = untilBarrier(client, oracle.state() == Oracle.State.AUTHENTICATED);
            closeCleanly(client);
        }
        compare(sent, expected, received);
        assertClean();
    }

    /** Random bytes as binary and text frames, and random near-JSON text, before or after authentication. */
    @Property
    void randomBytesAndTextGetDocumentedAnswers(@ForAll("junk") byte[] payload, @ForAll boolean binary,
                                                @ForAll boolean authenticated) {
        String text = binary ? null : utf8(payload);
        Assume.that(text == null || !looksLikeAnEnvelope(text)); // the oracle for those is the other property
        try (RawWsClient client = RawWsClient.connect(server.uri())) {
            if (authenticated) {
                client.sendText("{\"event\":\"authenticate\",\"data\":{\"user\":\"raw\"}}");
                assertTrue(client.next().contains("\"connected\""));
            }
            client.send(binary ? RawWsClient.BINARY : RawWsClient.TEXT, payload);
            if (!binary && text == null) {
                assertEquals(1007, client.awaitClose(), "a text frame that is not UTF-8");
            } else {
                JsonObject answer = object(client.next());
                assertNull(Documented.violation(answer));
                if (binary) {
                    assertEquals(ErrorCodes.UNSUPPORTED_FRAME, answer.getJsonObject("data").getString("code"));
                } else {
                    assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, answer.getJsonObject("data").getString("code"),
                            () -> "answer to " + text + ": " + answer);
                }
                client.sendText(authenticated ? "{\"event\":\"request\",\"id\":\"barrier\",\"method\":\"none:none\"}"
                        : "{\"event\":\"barrier\",\"id\":\"barrier\"}");
                for (JsonObject frame = object(client.next()); !"barrier".equals(frame.getString("id", null));
                     frame = object(client.next())) {
                    assertNull(Documented.violation(frame));
                }
            }
        }
        assertClean();
    }

    @Provide
    Arbitrary<byte[]> junk() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> nearJson = Arbitraries.strings().withChars("{}[]\":,\\ 0123456789eE-+.tfnulrsavd")
                .ofMaxLength(40).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> anyText = Arbitraries.strings().all().ofMaxLength(20)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(bytes, nearJson, anyText, Frames.json().map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    /** A session's token, mangled, never resumes it; the real token still does afterwards. */
    @Property
    void mangledSessionTokensNeverResume(@ForAll("mangles") Mangle mangle) {
        String token;
        String id;
        try (WsClient first = WsClient.connect(server.uri())) {
            JsonObject connected = first.authenticate("m");
            token = Resumes.token(connected);
            id = Resumes.id(connected);
            first.abort();
        }
        Eventually.until("suspended", () -> recorder.suspended.contains(id));
        String forged = mangle.apply(token);
        WsClient second = Resumes.resumeOn(server.uri(), forged, 0);
        JsonObject refused = second.await("resumed");
        assertNull(Documented.violation(refused));
        assertTrue(!forged.equals(token) && !Resumes.recovered(refused), () -> mangle + " resumed: " + refused);
        assertEquals("INVALID_TOKEN", Resumes.reason(refused));
        assertTrue(Resumes.recovered(Resumes.resume(second, token, 0)), "the real token still resumes");
        closeCleanly(second);
        recorder.suspended.remove(id);
        assertClean();
    }

    @Provide
    Arbitrary<Mangle> mangles() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 2).map(Mangle::flip),
                Arbitraries.integers().between(1, 20).map(Mangle::truncate),
                Arbitraries.of(Mangle.SWAP_HEADER_ALG_NONE, Mangle.DROP_SIGNATURE, Mangle.APPEND, Mangle.REORDER,
                        Mangle.UPPER));
    }

    // ---- invariants and helpers ----

    private static void compare(List<Spec> sent, List<Expect> expected, List<JsonObject> received) {
        for (JsonObject frame : received) {
            assertNull(Documented.violation(frame), () -> "sent " + sent);
            assertTrue(!"error".equals(frame.getString("event"))
                    || !ErrorCodes.INTERNAL_ERROR.equals(frame.getJsonObject("data").getString("code")),
                    () -> "INTERNAL_ERROR after " + sent);
        }
        boolean same = expected.size() == received.size();
        for (int i = 0; same && i < expected.size(); i++) {
            same = expected.get(i).test().test(received.get(i));
        }
        assertTrue(same, () -> "sent " + sent + "\nexpected " + expected + "\nreceived " + received);
    }

    /** After a try: nothing escaped to the container, nothing suspended, every index empty, a normal client served. */
    private static void assertClean() {
        Hub hub = server.hub();
        Eventually.until("every index empty", () -> hub.clientCount() == 0 && hub.userCount() == 0
                && hub.roomCount() == 0 && hub.requestsInFlight() == 0);
        assertEquals(List.of(), CountingEndpoint.ERRORS, "errors that reached the container");
        assertEquals(List.of(), recorder.suspended, "suspended sessions");
        WsClient normal = WsClient.authenticated(server.uri(), "normal");
        normal.emit("join", "{\"rooms\":[\"lobby\"]}");
        assertEquals(List.of("lobby"), normal.await("joined").getJsonObject("data").getJsonArray("rooms")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        normal.emit("chat", "{\"n\":1}");
        assertEquals(1, normal.await("echo").getJsonObject("data").getInt("n"));
        closeCleanly(normal);
        Eventually.until("the normal client left", () -> hub.clientCount() == 0 && hub.roomCount() == 0);
    }

    /** Frames until the barrier's answer (not included): a request no state leaves unanswered. */
    private static List<JsonObject> untilBarrier(WsClient client, boolean authenticated) {
        client.send(authenticated ? "{\"event\":\"request\",\"id\":\"barrier\",\"method\":\"none:none\"}"
                : "{\"event\":\"barrier\",\"id\":\"barrier\"}");
        List<JsonObject> frames = new ArrayList<>();
        for (JsonObject frame = client.next(); !"barrier".equals(frame.getString("id", null)); frame = client.next()) {
            frames.add(frame);
        }
        return withoutTokens(frames);
    }

    /** Token refreshes may come at any time; they are not answers. */
    private static List<JsonObject> withoutTokens(List<JsonObject> frames) {
        return frames.stream().filter(frame -> !"token".equals(frame.getString("event", null))).toList();
    }

    /** Closes with 1000 and waits for the server's close frame, so the server sees a clean close. */
    static void closeCleanly(WsClient client) {
        if (!client.isClosed()) {
            client.socket().sendClose(1000, "bye").join();
            client.awaitClose();
        }
        client.abort();
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean looksLikeAnEnvelope(String text) {
        try {
            JsonObject object = object(text);
            return object.get("event") instanceof jakarta.json.JsonString;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static JsonObject object(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
