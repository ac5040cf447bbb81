package dev.switchboard.standalone;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standalone server in-process: one interface, HTTP and WebSocket on one port, the built-in JWT authenticator. */
class StandaloneServerTest {

    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    static StandaloneServer server;
    static JwtAuthenticator tokens = new JwtAuthenticator(SECRET);

    @BeforeAll
    static void start() throws IOException {
        StandaloneConfig config = StandaloneConfig.from(Map.of(
                "SWITCHBOARD_PORT", "0",
                "SWITCHBOARD_PATH", "/live",
                "SWITCHBOARD_AUTH_SECRET", SECRET,
                "SWITCHBOARD_ROOMS_ALLOW", "lobby|chat-[0-9]+",
                "SWITCHBOARD_DEFAULT_ROOMS", "news"));
        server = StandaloneServer.start(config, new JwtAuthenticator(config.authSecret()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient connect() {
        return WsClient.connect(server.webSocketUri());
    }

    private static void authenticate(WsClient client, String token) {
        client.emit("authenticate", "{\"token\":\"" + token + "\"}");
    }

    @Test
    void servesTheDemoPageAndItsSettingsOverPlainHttp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(server.httpUri()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Switchboard demo</title>"), page.body());
        HttpResponse<String> settings = http.send(HttpRequest.newBuilder(server.httpUri().resolve("/config.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("window.SWITCHBOARD_PATH = \"/live\";\n", settings.body());
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(server.httpUri().resolve("/missing")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void bindsOnlyTheConfiguredInterface() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
            assertTrue(socket.isConnected());
        }
        // 127.0.0.2 reaches this machine too; a listener on 0.0.0.0 would accept it.
        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class, () -> socket.connect(new InetSocketAddress("127.0.0.2", server.port()), 2000));
        }
    }

    @Test
    void aValidTokenAuthenticatesItsSubjectWithTheOtherClaimsAsMetadata() {
        String token = tokens.issue("alice", Map.of("role", "admin", "plan", "pro"), Duration.ofMinutes(5));
        try (WsClient client = connect()) {
            authenticate(client, token);
            JsonObject connected = client.await("connected").getJsonObject("data");
            assertEquals("alice", connected.getString("userId"));
            String id = connected.getString("id");
            Map<?, ?> metadata = (Map<?, ?>) server.hub().client(id).orElseThrow().metadata();
            assertEquals("admin", metadata.get("role"));
            assertEquals("pro", metadata.get("plan"));
            assertEquals(null, metadata.get("sub"));
            assertEquals(java.util.Set.of("news", id), server.hub().roomsOf(id));
        }
    }

    @Test
    void badTokensAreRefusedWith4003() throws Exception {
        JWTClaimsSet alice = new JWTClaimsSet.Builder().subject("alice").build();
        List<String> refused = List.of(
                "not-a-jwt",
                new JwtAuthenticator("another-secret-that-is-long-enough-too!!").issue("alice", Map.of(), Duration.ofMinutes(5)),
                signed(JWSAlgorithm.HS256, new JWTClaimsSet.Builder().subject("alice")
                        .expirationTime(Date.from(Instant.now().minusSeconds(600))).build()),
                signed(JWSAlgorithm.HS256, new JWTClaimsSet.Builder().subject("alice")
                        .notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()),
                signed(JWSAlgorithm.HS256, new JWTClaimsSet.Builder().claim("role", "admin").build()),
                signed(JWSAlgorithm.HS512, alice),
                new PlainJWT(alice).serialize(),
                sessionTyped(alice),
                "");
        for (String token : refused) {
            try (WsClient client = connect()) {
                authenticate(client, token);
                JsonObject error = client.await("error").getJsonObject("data");
                assertEquals(ErrorCodes.AUTHENTICATION_FAILED, error.getString("code"), token);
                assertEquals(CloseCodes.AUTH_FAILED, client.awaitClose(), token);
            }
        }
        Eventually.equal("no connection left behind", 0, () -> server.hub().clientCount());
    }

    /** A token shaped like a session token ({@code typ: switchboard-session+jwt}) signed with the login secret. */
    private static String sessionTyped(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new com.nimbusds.jose.JOSEObjectType("switchboard-session+jwt")).build(), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String signed(JWSAlgorithm algorithm, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        byte[] secret = SECRET.repeat(2).getBytes(StandardCharsets.UTF_8);
        jwt.sign(new MACSigner(algorithm == JWSAlgorithm.HS256 ? SECRET.getBytes(StandardCharsets.UTF_8) : secret));
        return jwt.serialize();
    }

    @Test
    void clientsMayJoinOnlyTheRoomsTheRegexAllows() {
        try (WsClient client = connect()) {
            authenticate(client, tokens.issue("bob", Map.of(), Duration.ofMinutes(5)));
            client.await("connected");
            client.emit("join", "{\"rooms\":[\"lobby\",\"admin\",\"chat-7\",\"chat-x\"]}");
            JsonObject joined = client.await("joined").getJsonObject("data");
            assertEquals("[\"lobby\",\"chat-7\"]", joined.getJsonArray("rooms").toString());
            assertEquals("[\"admin\",\"chat-x\"]", joined.getJsonArray("rejected").toString());
        }
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new JwtAuthenticator("short"));
        assertEquals("The JWT secret must be at least 32 bytes for HS256, got 5", error.getMessage());
    }
}
