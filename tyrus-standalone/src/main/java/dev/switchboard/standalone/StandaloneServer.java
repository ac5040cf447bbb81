package dev.switchboard.standalone;

import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.endpoint.HubConfigurator;
import dev.switchboard.core.endpoint.SwitchboardEndpoint;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.HubBuilder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;

import dev.switchboard.core.hub.Resumption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The runnable server: one Grizzly listener on the configured interface and port serving the
 * WebSocket endpoint at the configured path, the demo page at {@code /}, the browser client
 * ({@code META-INF/resources/switchboard/} of the core jar) at {@code /switchboard/} and
 * {@code /health} over HTTP (over TLS when a keystore is configured), in front of a hub with the
 * built-in JWT authenticator and the demo methods.
 *
 * <p>So the demo works on first run: without {@code SWITCHBOARD_ROOMS_ALLOW} clients may join the
 * demo rooms ({@value #DEMO_ROOMS}); without {@code SWITCHBOARD_AUTH_SECRET} (demo mode)
 * {@code /demo/token?user=NAME} hands out tokens and, unless a connection key or Redis is
 * configured, sessions resume with a generated key. Each default is logged.
 *
 * <p>Started once by {@link #start}; {@link #close()} is idempotent and may run on any thread
 * (e.g. a shutdown hook).
 */
public final class StandaloneServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneServer.class);
    private static final String STATIC_ROOT = "/dev/switchboard/standalone/static/";
    private static final String CLIENT_ROOT = "/META-INF/resources/switchboard/";
    /** The rooms clients may join when no room rule is configured. */
    static final String DEMO_ROOMS = "lobby|random|support";

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
    /**
     * {@code permessage-deflate} when {@code SWITCHBOARD_COMPRESSION=true} (off by default: it costs
     * CPU per recipient), bounded by the hub's {@code maxMessageBytes} once inflated.
     */
    private static List<jakarta.websocket.Extension> compression(StandaloneConfig config, Hub hub) {
        return config.settings().bool("SWITCHBOARD_COMPRESSION", false)
                ? List.of(new PerMessageDeflate(hub.config().maxMessageBytes())) : List.of();
    }

    public static StandaloneServer start(StandaloneConfig config, JwtAuthenticator authenticator) throws IOException {
        MetricsHandler metrics = new MetricsHandler();
        Hub hub = hubFor(config, authenticator, metrics);
        // the demo's "drop connection" tracks every TCP connection by its WebSocket key
        DemoSockets sockets = config.settings().bool("SWITCHBOARD_DEMO_DROP", true) ? new DemoSockets() : null;
        DemoMethods demo = DemoMethods.register(hub, sockets);
        HttpServer http = new HttpServer();
        NetworkListener listener = new NetworkListener("switchboard", config.host(), config.port());
        if (config.tls() != null) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(config.tls(), false, false, false));
        }
        if (sockets != null) {
            listener.registerAddOn(sockets);
        }
        http.addListener(listener);
        ClassLoader loader = StandaloneServer.class.getClassLoader();
        http.getServerConfiguration().addHttpHandler(new CLStaticHttpHandler(loader, STATIC_ROOT), "/");
        http.getServerConfiguration().addHttpHandler(new CLStaticHttpHandler(loader, CLIENT_ROOT), "/switchboard");
        http.getServerConfiguration().addHttpHandler(pageSettings(config), "/config.js");
        if (config.authSecret() == null) {
            LOG.warn("SWITCHBOARD_AUTH_SECRET is not set: /demo/token hands out tokens for any user name (demo only)");
            http.getServerConfiguration().addHttpHandler(new DemoTokens(authenticator), "/demo/token");
        }
        http.getServerConfiguration().addHttpHandler(new HealthHandler(hub, config.redis()), HealthHandler.HEALTH);
        http.getServerConfiguration().addHttpHandler(metrics, "/metrics");
        // Tyrus stops frames above its buffer itself; the hub enforces the configured limit with 1009 below that.
        BoundTyrusContainer container = new BoundTyrusContainer(Math.max(hub.config().maxMessageBytes() * 2, 64 * 1024));
        container.attachTo(listener, "/");
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(SwitchboardEndpoint.class, config.path())
                    .subprotocols(List.of(SwitchboardEndpoint.SUBPROTOCOL, SwitchboardEndpoint.SUBPROTOCOL_BATCH))
                    .extensions(compression(config, hub))
                    .configurator(new HubConfigurator(hub, config.origins()))
                    .build());
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
        if (allowed == null) {
            allowed = Pattern.compile(DEMO_ROOMS);
            LOG.info("SWITCHBOARD_ROOMS_ALLOW is not set: clients may join only the demo rooms {}", DEMO_ROOMS.replace("|", ", "));
        }
        if (config.settings().text("SWITCHBOARD_PRESENCE_ROOMS", null) == null) {
            builder.presenceRooms(DEMO_ROOMS);
            LOG.info("SWITCHBOARD_PRESENCE_ROOMS is not set: the demo rooms {} have presence", DEMO_ROOMS.replace("|", ", "));
        }
        Pattern rule = allowed;
        builder.roomValidator((client, rooms) -> rooms.stream().filter(room -> rule.matcher(room).matches()).toList());
        if (config.authSecret() == null && config.settings().text("SWITCHBOARD_CONNECTION_KEY", null) == null
                && config.settings().text("SWITCHBOARD_REDIS_URL", null) == null) {
            builder.resumption(Resumption.enabled(JwtAuthenticator.generateSecret()));
            LOG.info("Demo mode (no SWITCHBOARD_AUTH_SECRET, no SWITCHBOARD_CONNECTION_KEY): sessions resume with a generated key, on this process only");
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

    /** {@code ws://host:port/path}, or {@code wss://} with TLS. */
    public URI webSocketUri() {
        return URI.create((config.tls() != null ? "wss://" : "ws://") + hostForUri() + ":" + port + config.path());
    }

    /** {@code http://host:port/}, or {@code https://} with TLS: where the demo page is served. */
    public URI httpUri() {
        return URI.create((config.tls() != null ? "https://" : "http://") + hostForUri() + ":" + port + "/");
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
