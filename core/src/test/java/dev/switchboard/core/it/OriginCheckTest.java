package dev.switchboard.core.it;

import dev.switchboard.core.endpoint.HubConfigurator;
import dev.switchboard.core.endpoint.OriginPolicy;
import dev.switchboard.core.endpoint.SwitchboardEndpoint;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Handshakes;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.WsClient;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real Tyrus server with an origin allow-list: a forged Origin gets 403, an allowed one and none get the socket. */
class OriginCheckTest {

    private static final String ALLOWED = "https://app.example";
    private static Hub hub;
    private static Server server;

    /** Tyrus instantiates this while {@link #start} runs. */
    public static final class Application implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
            return Set.of(ServerEndpointConfig.Builder.create(SwitchboardEndpoint.class, "/ws")
                    .subprotocols(List.of(SwitchboardEndpoint.SUBPROTOCOL))
                    .configurator(new HubConfigurator(hub, OriginPolicy.allowing(List.of(ALLOWED), false)))
                    .build());
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build();
        server = new Server("127.0.0.1", -1, "/", Map.of(), Application.class);
        server.start();
    }

    @AfterAll
    static void stop() {
        hub.shutdown();
        server.stop();
    }

    private static URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/ws");
    }

    @Test
    void aForgedOriginIsRefusedWith403() {
        assertEquals(403, Handshakes.status(uri(), "http://evil.example"));
        assertEquals(403, Handshakes.status(uri(), "https://app.example.evil.example"));
        assertEquals(403, Handshakes.status(uri(), "null"));
        assertEquals(0, hub.clientCount());
    }

    @Test
    void anAllowedOriginAndNoOriginAreServed() {
        assertEquals(101, Handshakes.status(uri(), "https://APP.example:443"));
        try (WsClient browser = WsClient.connect(uri(), false, List.of("Origin", ALLOWED));
             WsClient service = WsClient.connect(uri())) {
            assertEquals("alice", browser.authenticate("alice").getJsonObject("data").getString("userId"));
            assertEquals("bob", service.authenticate("bob").getJsonObject("data").getString("userId"));
        }
    }
}
