package dev.switchboard.core.testing;

import dev.switchboard.api.encryption.KeyOffer;
import dev.switchboard.api.encryption.SealedFrame;
import dev.switchboard.api.encryption.SecureChannel;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The client side of the built-in scheme over a raw {@link WsClient}, for tests that check the
 * wire: offers a key in {@code authenticate}, keeps the channel across sockets (resume), seals what
 * it sends, and opens what arrives, failing on any frame that is not {@code encrypted} exactly.
 * Used from the test thread only.
 */
public final class SealedClient implements AutoCloseable {

    private WsClient socket;
    private SecureChannel channel;
    private long lastCounter;

    private SealedClient(WsClient socket) {
        this.socket = socket;
    }

    /** Connects, offers a key with the test authenticator's credentials for {@code user}; the plain {@code connected}. */
    public static SealedClient connect(URI uri, String user) {
        SealedClient client = new SealedClient(WsClient.connect(uri));
        client.authenticate(user);
        return client;
    }

    private JsonObject connected;

    private void authenticate(String user) {
        KeyOffer offer = KeyOffer.create();
        socket.send("{\"event\":\"authenticate\",\"data\":{\"user\":\"" + user + "\",\"encryption\":{\"publicKey\":\""
                + offer.publicKey() + "\"}}}");
        connected = socket.await("connected");
        JsonObject answer = connected.getJsonObject("data").getJsonObject("encryption");
        channel = offer.accept(answer.getString("publicKey"), answer.getString("salt"));
    }

    /** The plain {@code connected} frame. */
    public JsonObject connected() {
        return connected;
    }

    public WsClient socket() {
        return socket;
    }

    public SecureChannel channel() {
        return channel;
    }

    /** The counter of the last server frame opened. */
    public long lastCounter() {
        return lastCounter;
    }

    /** Moves to a new socket that sends a plain {@code resume}; the channel and its counters stay. */
    public void resumeOn(URI uri, String token, long lastSeq) {
        socket = Resumes.resumeOn(uri, token, lastSeq);
    }

    /** Seals an envelope and sends it. @return the wire frame, e.g. to send it again */
    public String send(String envelopeJson) {
        String frame = channel.seal(envelopeJson).toJson();
        socket.send(frame);
        return frame;
    }

    public void emit(String event, String dataJson) {
        send(dataJson == null ? "{\"event\":\"" + event + "\"}" : "{\"event\":\"" + event + "\",\"data\":" + dataJson + "}");
    }

    /** The next frame, which must be sealed exactly as specified, opened. */
    public JsonObject next() {
        return open(socket.next());
    }

    /** Opens a raw frame: {@code {"event":"encrypted","data":{"iv","ct"}}} and nothing else. */
    public JsonObject open(JsonObject raw) {
        assertEquals(SealedFrame.EVENT, raw.getString("event"), "sealed: " + raw);
        assertEquals(2, raw.size(), "only event and data: " + raw);
        JsonObject data = raw.getJsonObject("data");
        assertEquals(2, data.size(), "only iv and ct: " + raw);
        String text = channel.open(data.getString("iv"), data.getString("ct"));
        lastCounter = channel.lastOpened();
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** Opens frames until one with this event. */
    public JsonObject await(String event) {
        List<String> skipped = new ArrayList<>();
        while (true) {
            JsonObject frame = next();
            if (event.equals(frame.getString("event"))) {
                return frame;
            }
            skipped.add(frame.toString());
            if (skipped.size() > 100) {
                throw new AssertionError("no '" + event + "'; skipped " + skipped);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
