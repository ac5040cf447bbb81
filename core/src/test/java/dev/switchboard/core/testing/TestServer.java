package dev.switchboard.core.testing;

import dev.switchboard.core.endpoint.HubConfigurator;
import dev.switchboard.core.endpoint.SwitchboardEndpoint;
import dev.switchboard.core.hub.Hub;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.tyrus.server.Server;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real Tyrus/Grizzly server on an ephemeral port serving a hub at {@code /ws/{tenant}}
 * (programmatic endpoint) plus any annotated endpoint classes given.
 */
public final class TestServer implements AutoCloseable {

    private static volatile Hub starting;
    private static volatile Set<Class<?>> startingAnnotated = Set.of();
    private static volatile boolean startingProgrammatic;
    private static volatile Class<? extends SwitchboardEndpoint> startingEndpoint = SwitchboardEndpoint.class;

    private final Server server;
    private final Hub hub;

    private TestServer(Hub hub, Server server) {
        this.hub = hub;
        this.server = server;
    }

    public static TestServer start(Hub hub, Class<?>... annotatedEndpoints) {
        return start(hub, true, annotatedEndpoints);
    }

    /** A server whose {@code /ws/{tenant}} endpoint is this subclass of the programmatic endpoint (e.g. to observe it). */
    public static synchronized TestServer startWith(Hub hub, Class<? extends SwitchboardEndpoint> endpoint) {
        startingEndpoint = endpoint;
        try {
            return start(hub, true);
        } finally {
            startingEndpoint = SwitchboardEndpoint.class;
        }
    }

    /** A server with only the given annotated endpoints (their hub comes from their configurator). */
    public static TestServer startAnnotated(Hub hub, Class<?>... annotatedEndpoints) {
        return start(hub, false, annotatedEndpoints);
    }

    private static synchronized TestServer start(Hub hub, boolean programmatic, Class<?>... annotatedEndpoints) {
        starting = hub;
        startingProgrammatic = programmatic;
        startingAnnotated = Set.of(annotatedEndpoints);
        Server server = new Server("127.0.0.1", -1, "/", Map.of(), Application.class);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Tyrus did not start", e);
        } finally {
            starting = null;
        }
        return new TestServer(hub, server);
    }

    public Hub hub() {
        return hub;
    }

    public int port() {
        return server.getPort();
    }

    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    /** The hub's endpoint for a tenant. */
    public URI uri() {
        return uri("/ws/acme");
    }

    @Override
    public void close() {
        hub.shutdown();
        server.stop();
    }

    /** Tyrus instantiates this while {@link #start} runs. */
    public static final class Application implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
            if (!startingProgrammatic) {
                return Set.of();
            }
            if (startingEndpoint == SwitchboardEndpoint.class) {
                return Set.of(SwitchboardEndpoint.config("/ws/{tenant}", starting));
            }
            return Set.of(ServerEndpointConfig.Builder.create(startingEndpoint, "/ws/{tenant}")
                    .subprotocols(List.of(SwitchboardEndpoint.SUBPROTOCOL))
                    .configurator(new HubConfigurator(starting)).build());
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return startingAnnotated;
        }
    }
}
