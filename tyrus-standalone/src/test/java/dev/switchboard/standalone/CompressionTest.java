package dev.switchboard.standalone;

import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.testing.WsClient;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code permessage-deflate} in the standalone with {@code SWITCHBOARD_COMPRESSION=true}: a Tyrus
 * client that offers it gets it negotiated and talks compressed both ways; a message that inflates
 * past {@code maxMessageBytes} is closed with 1009; a client without the extension is unaffected.
 */
class CompressionTest {

    private static final String SECRET = "compression-test-secret-0123456789abcdef";
    private static final JwtAuthenticator TOKENS = new JwtAuthenticator(SECRET);
    private static StandaloneServer server;

    @BeforeAll
    static void start() throws Exception {
        StandaloneConfig config = StandaloneConfig.from(Map.of("SWITCHBOARD_PORT", "0", "SWITCHBOARD_AUTH_SECRET", SECRET,
                "SWITCHBOARD_COMPRESSION", "true", "SWITCHBOARD_MAX_MESSAGE_BYTES", "65536"));
        server = StandaloneServer.start(config, TOKENS);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A Tyrus client socket offering permessage-deflate, keeping text messages and its close. */
    private static final class Deflating extends Endpoint {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        Session session;

        static Deflating open() throws Exception {
            Deflating endpoint = new Deflating();
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .preferredSubprotocols(List.of("switchboard.v1"))
                    .extensions(List.<Extension>of(new PerMessageDeflate(1 << 20))).build();
            endpoint.session = ClientManager.createClient().connectToServer(endpoint, config, server.webSocketUri());
            return endpoint;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) texts::add);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason.getCloseCode().getCode());
        }

        String next() throws InterruptedException {
            String text = texts.poll(10, TimeUnit.SECONDS);
            assertNotNull(text, "a frame within 10 s");
            return text;
        }

        void send(String text) throws Exception {
            session.getBasicRemote().sendText(text);
        }
    }

    @Test
    void aClientThatOffersItTalksCompressedBothWays() throws Exception {
        Deflating client = Deflating.open();
        assertEquals(List.of(PerMessageDeflate.NAME), client.session.getNegotiatedExtensions().stream().map(Extension::getName).toList());
        client.send("{\"event\":\"authenticate\",\"data\":{\"token\":\"" + TOKENS.issue("zed", Map.of(), Duration.ofMinutes(5)) + "\"}}");
        assertTrue(client.next().contains("\"event\":\"connected\""));
        String big = "abc".repeat(5000);
        client.send("{\"event\":\"request\",\"id\":\"1\",\"method\":\"system:echo\",\"data\":\"" + big + "\"}");
        assertEquals("{\"event\":\"response\",\"id\":\"1\",\"data\":\"" + big + "\"}", client.next(),
                "a 15 KB request and its answer, both compressed, arrive intact");
        client.session.close();
    }

    @Test
    void aMessageThatInflatesPastTheLimitIsClosedWith1009() throws Exception {
        Deflating client = Deflating.open();
        String bomb = "{\"event\":\"heartbeat\",\"data\":\"" + "a".repeat(200_000) + "\"}"; // compresses to a few hundred bytes
        client.send(bomb);
        assertEquals(1009, client.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aClientWithoutTheExtensionIsUnaffected() {
        try (WsClient plain = WsClient.connect(server.webSocketUri())) {
            plain.send("{\"event\":\"authenticate\",\"data\":{\"token\":\"" + TOKENS.issue("ann", Map.of(), Duration.ofMinutes(5)) + "\"}}");
            assertEquals("connected", plain.await("connected").getString("event"));
        }
    }
}
