package dev.switchboard.core.it.limits;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.HubBuilder;
import dev.switchboard.core.hub.Limits;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every limit provoked on a real server: its documented answer to the client that passed it, the
 * limit counter in the metrics, and another client served as before (a round trip).
 */
class LimitsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private HubBuilder hub(Limits limits) {
        return Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).limits(limits)
                .meterRegistry(meters);
    }

    private double hits(String kind) {
        return meters.get("switchboard.limits").tag("kind", kind).counter().count();
    }

    private static String code(JsonObject error) {
        return error.getJsonObject("data").getString("code");
    }

    @Test
    void framesOverTheRateAreRefusedUnreadAndAFlooderIsClosedWith1008() {
        // 1 frame/s refill: the test's frames arrive far faster, so the burst is all they get.
        try (TestServer server = TestServer.start(hub(Limits.defaults().messageRate(1, 5).floodLimit(3)).build());
             WsClient other = WsClient.authenticated(server.uri(), "bob");
             WsClient flooder = WsClient.authenticated(server.uri(), "alice")) {
            int sent = 0;
            while (!flooder.isClosed() && sent < 100) {
                flooder.send("{\"event\":\"leave\",\"id\":\"f" + sent++ + "\",\"data\":{\"rooms\":[]}}");
            }
            assertEquals(CloseCodes.POLICY_VIOLATION, flooder.awaitClose());
            List<JsonObject> frames = flooder.drainReceived();
            List<String> answered = new ArrayList<>();
            int refused = 0;
            for (JsonObject frame : frames) {
                if ("left".equals(frame.getString("event"))) {
                    answered.add(frame.getString("id"));
                } else {
                    assertEquals("error", frame.getString("event"), frame.toString());
                    assertEquals(ErrorCodes.RATE_LIMITED, code(frame), frame.toString());
                    assertFalse(frame.containsKey("id"), "a refused frame is not read: " + frame);
                    refused++;
                }
            }
            assertFalse(answered.isEmpty(), "the burst is served: " + frames);
            assertTrue(answered.size() <= 5, "no more than the burst (one token went to authenticate): " + frames);
            assertTrue(refused >= 2, "refusals, then the closing error: " + frames);
            assertTrue(hits("rate") >= 1);
            assertEquals(1, hits("flood"));
            other.assertNothingPending("the other client is unaffected");
            Eventually.until("the flooder is gone", () -> server.hub().clientCount() == 1);
        }
    }

    @Test
    void tooManyResumeAttemptsOnOneSocketCloseWith1008() {
        Limits limits = Limits.defaults().maxAuthAttempts(2);
        try (TestServer server = TestServer.start(hub(limits).resumption(Resumption.enabled(Resumes.KEY)).build());
             WsClient other = WsClient.authenticated(server.uri(), "bob");
             WsClient guesser = WsClient.connect(server.uri())) {
            for (int attempt = 0; attempt < 2; attempt++) {
                JsonObject resumed = Resumes.resume(guesser, "forged-token-" + attempt, 0);
                assertEquals("INVALID_TOKEN", Resumes.reason(resumed));
            }
            guesser.send("{\"event\":\"resume\",\"data\":{\"token\":\"forged-token-3\",\"lastSeq\":0}}");
            JsonObject error = guesser.await("error");
            assertEquals(ErrorCodes.RATE_LIMITED, code(error));
            assertEquals(CloseCodes.POLICY_VIOLATION, guesser.awaitClose());
            assertEquals(1, hits("auth_attempts"));
            assertEquals(2, meters.get("switchboard.resumes").tag("outcome", "invalid_token").counter().count());
            other.assertNothingPending("the other client is unaffected");
        }
    }

    @Test
    void aUserPastItsConnectionLimitIsRefusedAtAuthenticationWith1008() {
        try (TestServer server = TestServer.start(hub(Limits.defaults().maxConnectionsPerUser(2)).build());
             WsClient first = WsClient.authenticated(server.uri(), "alice");
             WsClient second = WsClient.authenticated(server.uri(), "alice");
             WsClient bob = WsClient.authenticated(server.uri(), "bob");
             WsClient third = WsClient.connect(server.uri())) {
            third.emit("authenticate", "{\"user\":\"alice\"}");
            JsonObject error = third.await("error");
            assertEquals(ErrorCodes.CONNECTION_LIMIT, code(error));
            assertEquals(CloseCodes.POLICY_VIOLATION, third.awaitClose());
            assertEquals(1, hits("user_connections"));
            assertEquals(2, server.hub().clientsOfUser("alice").size());
            first.assertNothingPending("alice's other sockets are unaffected");
            bob.assertNothingPending("other users are unaffected");

            first.close();
            Eventually.until("alice's first socket is gone", () -> server.hub().clientsOfUser("alice").size() == 1);
            try (WsClient again = WsClient.authenticated(server.uri(), "alice")) {
                again.assertNothingPending("a socket is free again");
            }
            second.assertNothingPending("still served");
        }
    }

    @Test
    void anAddressPastItsConnectionLimitIsClosedAtOpenWith1008() {
        try (TestServer server = TestServer.start(hub(Limits.defaults().maxConnectionsPerAddress(2)).build());
             WsClient first = WsClient.authenticated(server.uri(), "alice");
             WsClient second = WsClient.connect(server.uri());
             WsClient third = WsClient.connect(server.uri())) {
            JsonObject error = third.await("error");
            assertEquals(ErrorCodes.CONNECTION_LIMIT, code(error));
            assertEquals(CloseCodes.POLICY_VIOLATION, third.awaitClose());
            assertEquals(1, hits("address_connections"));
            first.assertNothingPending("the first socket is unaffected");
            second.authenticate("bob");
        }
    }

    @Test
    void behindATrustedProxyTheForwardedAddressCounts() {
        Limits limits = Limits.defaults().maxConnectionsPerAddress(1)
                .trustedProxy("X-Forwarded-For", List.of("127.0.0.1"));
        try (TestServer server = TestServer.start(hub(limits).build());
             WsClient one = forwardedFor(server, "10.0.0.1");
             WsClient two = forwardedFor(server, "10.0.0.2");
             WsClient oneAgain = forwardedFor(server, "192.0.2.7, 10.0.0.1")) {
            one.authenticate("alice");
            two.authenticate("bob");
            assertEquals(ErrorCodes.CONNECTION_LIMIT, code(oneAgain.await("error")));
            assertEquals(CloseCodes.POLICY_VIOLATION, oneAgain.awaitClose());
            one.assertNothingPending("the first client of that address is unaffected");
        }
    }

    private static WsClient forwardedFor(TestServer server, String chain) {
        return WsClient.connect(server.uri(), false, List.of("X-Forwarded-For", chain));
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aFullNodeRefusesTheHandshakeWith503() {
        try (TestServer server = TestServer.start(hub(Limits.defaults().maxConnections(2)).build());
             WsClient first = WsClient.authenticated(server.uri(), "alice");
             WsClient second = WsClient.connect(server.uri())) {
            CompletionException refused = assertThrows(CompletionException.class, () -> WsClient.connect(server.uri()));
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
            assertEquals(503, handshake.getResponse().statusCode());
            assertEquals(1, hits("node_connections"));
            first.assertNothingPending("open sockets are unaffected");
            second.authenticate("bob");

            second.close();
            Eventually.until("a socket is free", () -> server.hub().clientCount() == 1);
            try (WsClient third = WsClient.authenticated(server.uri(), "carol")) {
                third.assertNothingPending("served once there is room");
            }
        }
    }
}
