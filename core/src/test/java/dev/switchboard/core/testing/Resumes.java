package dev.switchboard.core.testing;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.HubBuilder;
import dev.switchboard.core.hub.Resumption;
import jakarta.json.JsonObject;

import java.net.URI;

/** Helpers for resumption tests: a hub with sessions on, and the client side of {@code resume}. */
public final class Resumes {

    /** A 32-byte connection key. */
    public static final String KEY = "0123456789abcdef0123456789abcdef";

    private Resumes() {
    }

    /** A hub builder with the test authenticator, every room allowed, the recorder, and resumption as given. */
    public static HubBuilder hub(Recorder recorder, Resumption resumption) {
        return Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).listener(recorder)
                .roomValidator((client, rooms) -> rooms).resumption(resumption);
    }

    public static String token(JsonObject connectedOrResumed) {
        return connectedOrResumed.getJsonObject("data").getString("token");
    }

    public static String id(JsonObject connectedOrResumed) {
        return connectedOrResumed.getJsonObject("data").getString("id");
    }

    /** Sends {@code resume} on an open client and returns the {@code resumed} frame. */
    public static JsonObject resume(WsClient client, String token, long lastSeq) {
        client.send("{\"event\":\"resume\",\"data\":{\"token\":\"" + token + "\",\"lastSeq\":" + lastSeq + "}}");
        return client.await("resumed");
    }

    /** Opens a socket, sends {@code resume}, and returns the client; its {@code resumed} frame is the next one. */
    public static WsClient resumeOn(URI uri, String token, long lastSeq) {
        WsClient client = WsClient.connect(uri);
        client.send("{\"event\":\"resume\",\"data\":{\"token\":\"" + token + "\",\"lastSeq\":" + lastSeq + "}}");
        return client;
    }

    public static boolean recovered(JsonObject resumed) {
        return resumed.getJsonObject("data").getBoolean("recovered");
    }

    public static String reason(JsonObject resumed) {
        return resumed.getJsonObject("data").getString("reason", null);
    }
}
