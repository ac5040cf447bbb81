package dev.switchboard.standalone;

import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.endpoint.SwitchboardEndpoint;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.HubBuilder;
import jakarta.websocket.DeploymentException;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The runnable server: one Grizzly listener on the configured interface and port serving the
 * WebSocket endpoint at the configured path and the demo page over plain HTTP, in front of a hub
 * with the built-in JWT authenticator and the demo methods.
 *
 * <p>Started once by {@link #start}; {@link #close()} is idempotent and may run on any thread
 * (e.g. a shutdown hook).
 */
public final class StandaloneServer implements AutoCloseable {

    private static final String STATIC_ROOT = "/dev/switchboard/standalone/static/";

    private final StandaloneConfig config;
    private final Hub hub;
    private final DemoMethods demo;
    private final HttpServer http;
    private final BoundTyrusContainer container;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StandaloneServer(StandaloneConfig config, Hub hub, DemoMethods demo, HttpServer http,
                             BoundTyrusContainer container, int port) {
        this.config = config;
        this.hub = hub;
        this.demo = demo;
        this.http = http;
        this.container = container;
        this.port = port;
    }

    /**
     * Builds the hub and starts listening.
     *
     * @param authenticator the JWT authenticator whose secret signs client tokens
     * @throws IOException when the address cannot be bound
     */
    public static StandaloneServer start(StandaloneConfig config, JwtAuthenticator authenticator) throws IOException {
        MetricsHandler metrics = new MetricsHandler();
        Hub hub = hubFor(config, authenticator, metrics);
        DemoMethods demo = DemoMethods.register(hub);
        HttpServer http = new HttpServer();
        NetworkListener listener = new NetworkListener("switchboard", config.host(), config.port());
        http.addListener(listener);
        http.getServerConfiguration().addHttpHandler(
                new CLStaticHttpHandler(StandaloneServer.class.getClassLoader(), STATIC_ROOT), "/");
        http.getServerConfiguration().addHttpHandler(pageSettings(config), "/config.js");
        http.getServerConfiguration().addHttpHandler(metrics, "/metrics");
        // Tyrus stops frames above its buffer itself; the hub enforces the configured limit with 1009 below that.
        BoundTyrusContainer container = new BoundTyrusContainer(Math.max(hub.config().maxMessageBytes() * 2, 64 * 1024));
        container.attachTo(listener, "/");
        try {
            container.addEndpoint(SwitchboardEndpoint.config(config.path(), hub));
            http.start();
            container.start("/", listener.getPort());
        } catch (IOException | DeploymentException | RuntimeException e) {
            http.shutdownNow();
            hub.shutdown();
            demo.close();
            throw e instanceof IOException io ? io : new IOException("Switchboard could not start: " + e.getMessage(), e);
        }
        return new StandaloneServer(config, hub, demo, http, container, listener.getPort());
    }

    /** Tells the demo page where the WebSocket endpoint is. */
    private static HttpHandler pageSettings(StandaloneConfig config) {
        String script = "window.SWITCHBOARD_PATH = " + jsString(config.path()) + ";\n";
        return new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws IOException {
                response.setContentType("text/javascript;charset=utf-8");
                response.getWriter().write(script);
            }
        };
    }

    private static String jsString(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            quoted.append(Character.isLetterOrDigit(c) || "/-_.~".indexOf(c) >= 0 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return quoted.append('"').toString();
    }

    static Hub hubFor(StandaloneConfig config, JwtAuthenticator authenticator) {
        return hubFor(config, authenticator, null);
    }

    private static Hub hubFor(StandaloneConfig config, JwtAuthenticator authenticator, MetricsHandler metrics) {
        HubBuilder builder = config.applyTo(Hub.builder()).authenticator(authenticator);
        if (metrics != null) {
            builder.meterRegistry(metrics.registry());
        }
        Pattern allowed = config.roomsAllow();
        if (allowed != null) {
            builder.roomValidator((client, rooms) -> rooms.stream().filter(room -> allowed.matcher(room).matches()).toList());
        }
        return builder.build();
    }

    public Hub hub() {
        return hub;
    }

    /** The bound port (the one picked when the configured port was 0). */
    public int port() {
        return port;
    }

    /** {@code ws://host:port/path}. */
    public URI webSocketUri() {
        return URI.create("ws://" + hostForUri() + ":" + port + config.path());
    }

    /** {@code http://host:port/}, where the demo page is served. */
    public URI httpUri() {
        return URI.create("http://" + hostForUri() + ":" + port + "/");
    }

    private String hostForUri() {
        String host = config.host();
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Closes every client with 1001 (disconnect callbacks run), then stops listening. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        hub.shutdown();
        demo.close();
        container.stop();
        http.shutdownNow();
    }
}
