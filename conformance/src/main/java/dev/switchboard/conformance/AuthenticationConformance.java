package dev.switchboard.conformance;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Post-connection authentication: the subprotocol, success, 4003, 4001, and events before it. */
public interface AuthenticationConformance extends Conformance {

    @Test
    default void negotiatesTheSubprotocolAndAuthenticatesWithAToken() {
        try (Peer alice = connect()) {
            assertEquals("switchboard.v1", alice.socket().socket().getSubprotocol());
            JsonObject connected = alice.authenticate("alice");
            assertEquals("alice", connected.getString("userId"));
            JsonObject me = alice.call("profile:whoami", null).getJsonObject("data");
            assertEquals(connected.getString("id"), me.getString("id"));
            assertEquals(TENANT, me.getString("tenant"), "the path parameter reaches the hub");
            assertEquals(Set.of(connected.getString("id"), "ws-default", "ws-notification"), Frames.strings(me, "rooms"),
                    "its own room and the default rooms");
        }
    }

    @Test
    default void aBadTokenGetsAnErrorThen4003() {
        try (Peer mallory = connect()) {
            mallory.emit("authenticate", "{\"token\":\"" + ExampleAppSettings.token("mallory") + "x\"}");
            assertEquals(ErrorCodes.AUTHENTICATION_FAILED, mallory.await("error").getJsonObject("data").getString("code"));
            assertEquals(CloseCodes.AUTH_FAILED, mallory.awaitClose());
        }
    }

    @Test
    default void aClientThatNeverAuthenticatesGets4001() {
        try (Peer idle = connect()) {
            assertEquals(CloseCodes.AUTH_TIMEOUT, idle.awaitClose());
        }
    }

    @Test
    default void eventsBeforeAuthenticationAreRefusedAndTheConnectionStays() {
        try (Peer early = connect()) {
            early.emit("join", "{\"rooms\":[\"public-a\"]}");
            assertEquals(ErrorCodes.NOT_AUTHENTICATED, early.await("error").getJsonObject("data").getString("code"));
            assertFalse(early.socket().isClosed());
            assertEquals("early", early.authenticate("early").getString("userId"));
        }
    }
}
