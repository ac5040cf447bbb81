package dev.switchboard.conformance;

import dev.switchboard.api.ErrorCodes;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Method RPC in both directions: answers, error codes, cancel, and the server calling the client. */
public interface RpcConformance extends Conformance {

    @Test
    default void aMethodAnswersWithItsDataAndUnknownMethodsAreNotFound() {
        try (Peer peer = login("olga")) {
            assertEquals("{\"deep\":[1,2,{\"x\":true}]}",
                    peer.call("system:echo", "{\"deep\":[1,2,{\"x\":true}]}").getJsonObject("data").toString());
            assertEquals(ErrorCodes.METHOD_NOT_FOUND, Frames.errorCode(peer.call("nothing:here", null)));
        }
    }

    @Test
    default void malformedRequestsAreInvalidAndTheConnectionStays() {
        try (Peer peer = login("pat")) {
            peer.send("{\"event\":\"request\",\"id\":\"m1\"}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, Frames.errorCode(peer.response("m1")));
            peer.send("{\"event\":\"request\",\"method\":\"system:echo\"}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, peer.await("error").getJsonObject("data").getString("code"));
            peer.send("{not json");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, peer.await("error").getJsonObject("data").getString("code"));
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, Frames.errorCode(peer.call("system:slow", "{\"ms\":\"soon\"}")));
            assertEquals("\"still here\"", peer.call("system:echo", "\"still here\"").get("data").toString());
        }
    }

    @Test
    default void aCancelledRequestIsAnsweredCancelled() {
        try (Peer peer = login("quinn")) {
            String id = peer.request("system:slow", "{\"ms\":5000,\"value\":\"late\"}");
            peer.send("{\"event\":\"cancel\",\"id\":\"" + id + "\"}");
            assertEquals(ErrorCodes.REQUEST_CANCELLED, Frames.errorCode(peer.response(id)));
            assertEquals("\"prompt\"", peer.call("system:slow", "{\"ms\":10,\"value\":\"prompt\"}").get("data").toString());
        }
    }

    @Test
    default void theServerCallsTheClientAndGetsItsAnswerOrError() {
        try (Peer peer = login("rita")) {
            String outer = peer.request("system:callback", "{\"method\":\"device:locate\",\"data\":{\"precise\":true}}");
            JsonObject serverRequest = peer.await("request");
            assertEquals("device:locate", serverRequest.getString("method"));
            assertEquals("{\"precise\":true}", serverRequest.getJsonObject("data").toString());
            peer.send("{\"event\":\"response\",\"id\":\"" + serverRequest.getString("id") + "\",\"data\":{\"lat\":48.85}}");
            assertEquals("{\"lat\":48.85}", peer.response(outer).getJsonObject("data").toString());

            String failing = peer.request("system:callback", "{\"method\":\"device:locate\"}");
            JsonObject second = peer.await("request");
            peer.send("{\"event\":\"response\",\"id\":\"" + second.getString("id")
                    + "\",\"error\":{\"code\":\"NO_GPS\",\"message\":\"no fix\"}}");
            assertEquals("NO_GPS", Frames.errorCode(peer.response(failing)));
        }
    }
}
