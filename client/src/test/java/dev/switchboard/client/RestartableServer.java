package dev.switchboard.client;

import dev.switchboard.core.endpoint.SwitchboardEndpoint;
import dev.switchboard.core.hub.Hub;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.tyrus.server.Server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * A Tyrus server on a fixed local port serving a hub at {@code /ws/{tenant}}, which a test can stop
 * and start again on the same port with another hub: a server restart as a client sees it.
 */
final class RestartableServer implements AutoCloseable {

    private static volatile Hub starting;

    private final int port;
    private Server server;
    private Hub hub;

    RestartableServer() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws/acme");
    }

    synchronized void start(Hub next) {
        synchronized (RestartableServer.class) {
            starting = next;
            Server started = new Server("127.0.0.1", port, "/", Map.of(), Application.class);
            try {
                started.start();
            } catch (Exception e) {
                throw new IllegalStateException("Tyrus did not start on port " + port, e);
            } finally {
                starting = null;
            }
            server = started;
            hub = next;
        }
    }

    /** Shuts the hub down (its clients get 1001) and stops the server. */
    synchronized void stop() {
        if (server != null) {
            hub.shutdown();
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Tyrus instantiates this while {@link #start} runs. */
    public static final class Application implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
            return Set.of(SwitchboardEndpoint.config("/ws/{tenant}", starting));
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of();
        }
    }
}
