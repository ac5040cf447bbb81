package dev.switchboard.core.it.encryption;

import dev.switchboard.api.AttributeKey;
import dev.switchboard.api.Client;
import dev.switchboard.api.HandshakeHandler;
import dev.switchboard.api.Message;
import dev.switchboard.api.encryption.KeyAnswer;
import dev.switchboard.api.encryption.KeyOffer;
import dev.switchboard.api.encryption.Role;
import dev.switchboard.api.encryption.SecureChannel;
import dev.switchboard.api.encryption.SessionKeys;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hooks kept for custom schemes, on a real server: the optional flow (a plain client does a
 * key exchange of the application's own after {@code connected} and is switched on with
 * {@code hub.enableEncryption}), and a custom transformer pair with its {@code handshake} event.
 */
class CustomSchemeTest {

    @Test
    void anApplicationExchangeAfterConnectedSwitchesOnTheBuiltInFraming() {
        Hub[] self = new Hub[1];
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .messageHandler((client, message) -> {
                    if ("key-exchange".equals(message.event())) {
                        KeyAnswer answer = KeyAnswer.answer(message.data(String.class));
                        client.send("key-answer", List.of(answer.publicKey(), answer.salt()));
                        self[0].enableEncryption(client.id(), answer.channel());
                    } else {
                        client.send("echo", message.data(String.class));
                    }
                }).build();
        self[0] = hub;
        try (TestServer server = TestServer.start(hub); WsClient client = WsClient.authenticated(server.uri(), "opt")) {
            KeyOffer offer = KeyOffer.create();
            client.emit("key-exchange", "\"" + offer.publicKey() + "\"");
            JsonObject answer = client.await("key-answer");
            SecureChannel channel = offer.accept(answer.getJsonArray("data").getString(0),
                    answer.getJsonArray("data").getString(1));
            client.send(channel.seal("{\"event\":\"ping\",\"data\":\"sealed\"}").toJson());
            JsonObject raw = client.await("encrypted");
            JsonObject echo = Json.createReader(new StringReader(channel.open(
                    raw.getJsonObject("data").getString("iv"), raw.getJsonObject("data").getString("ct")))).readObject();
            assertEquals("sealed", echo.getString("data"));
        }
    }

    /** A toy scheme (base64 "sealing", no security at all) to show the hooks; keys would live in an attribute. */
    static final class Toy implements HandshakeHandler {
        static final AttributeKey<String> PEER = AttributeKey.of("toy-peer", String.class);
        final List<String> ended = new CopyOnWriteArrayList<>();

        @Override
        public Object onAuthenticate(Client client, String offer) {
            return null;
        }

        @Override
        public Object onHandshake(Client client, Message message) {
            client.attribute(PEER, message.data(String.class));
            return "toy-answer";
        }

        @Override
        public void onEnded(Client client) {
            ended.add(client.id());
        }
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCustomSchemeAnswersItsHandshakeEventPlainThenTransformsBothWays() {
        Toy toy = new Toy();
        Recorder recorder = new Recorder();
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).messageHandler(recorder)
                .handshakeHandler(toy)
                .outboundTransformer((client, json) -> "{\"event\":\"encrypted\",\"data\":\"" + encode(json) + "\"}")
                .inboundTransformer((client, data) -> new String(Base64.getDecoder().decode(
                        Json.createReader(new StringReader(data)).readValue().toString().replace("\"", "")),
                        StandardCharsets.UTF_8))
                .build();
        try (TestServer server = TestServer.start(hub); WsClient client = WsClient.authenticated(server.uri(), "toy")) {
            String id = hub.clients().stream().filter(c -> "toy".equals(c.userId())).findFirst().orElseThrow().id();
            client.send("{\"event\":\"handshake\",\"id\":\"h1\",\"data\":\"hello\"}");
            JsonObject answer = client.await("handshake");
            assertEquals("h1", answer.getString("id"));
            assertEquals("toy-answer", answer.getString("data"), "the answer is plain");
            client.send("{\"event\":\"encrypted\",\"data\":\"" + encode("{\"event\":\"echo\",\"data\":\"x\"}") + "\"}");
            JsonObject sealed = client.await("encrypted");
            String inner = new String(Base64.getDecoder().decode(sealed.getString("data")), StandardCharsets.UTF_8);
            assertTrue(inner.contains("\"event\":\"echo\""), inner);
            assertEquals("hello", hub.client(id).orElseThrow().attribute(Toy.PEER));
            assertFalse(recorder.messages.stream().anyMatch(m -> m.event().equals("handshake")));
            client.close();
            dev.switchboard.core.testing.Eventually.until("keys wiped at the end", () -> toy.ended.contains(id));
        }
    }
}
