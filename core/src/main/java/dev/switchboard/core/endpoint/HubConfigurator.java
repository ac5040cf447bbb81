package dev.switchboard.core.endpoint;

import dev.switchboard.core.config.Settings;
import dev.switchboard.core.hub.Hub;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hands the hub to every endpoint instance the container creates, and records the upgrade
 * request's headers (and the peer address where the container exposes it) for the connection.
 *
 * <p>Created with a hub for programmatic registration, or by the container through the no-arg
 * constructor (named in {@code @ServerEndpoint(configurator = ...)}), in which case the hub is
 * {@link Hubs#current()}. Handshakes whose {@code Origin} the {@link OriginPolicy} refuses get HTTP
 * 403 (404 on Undertow, see {@link OriginPolicy}); the policy comes from the {@code SWITCHBOARD_*}
 * environment and system properties unless given. Immutable; the handshake data goes into the
 * per-connection copy of the user properties (Jakarta WebSocket 2.1).
 */
public class HubConfigurator extends ServerEndpointConfig.Configurator {

    static final String HEADERS_PROPERTY = "dev.switchboard.handshake.headers";
    /**
     * The upgrade's own headers, fixed by the protocol or consumed by the container, so not kept per
     * connection. {@code sec-websocket-key} is kept: it names the TCP connection to container-level
     * tools (the standalone demo's "drop connection" finds the socket by it).
     */
    static final Set<String> UPGRADE_HEADERS = Set.of("connection", "upgrade", "sec-websocket-version",
            "sec-websocket-extensions");
    static final String REMOTE_ADDRESS_PROPERTY = "dev.switchboard.handshake.remoteAddress";

    private final Hub hub;
    private final OriginPolicy origins;

    public HubConfigurator() {
        this(null, null);
    }

    public HubConfigurator(Hub hub) {
        this(hub, null);
    }

    /** @param origins the origin policy, or {@code null} for {@link OriginPolicy#from} the environment */
    public HubConfigurator(Hub hub, OriginPolicy origins) {
        this.hub = hub;
        this.origins = origins != null ? origins : OriginPolicy.from(Settings.fromEnvironment());
    }

    Hub hub() {
        return hub != null ? hub : Hubs.current();
    }

    /** {@code false} makes every Jakarta WebSocket container answer the handshake with 403. */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return origins.allows(originHeaderValue);
    }

    /**
     * The first subprotocol the client offers that the endpoint supports, as the specification's
     * default picks it, but the endpoint's own instance of the name: the container keeps the chosen
     * name for the socket's life, and the client's copy would be one more string per connection.
     */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        if (requested == null) {
            return "";
        }
        for (String offered : requested) {
            for (String ours : supported) {
                if (ours.equals(offered)) {
                    return ours;
                }
            }
        }
        return "";
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        NodeFull.check(hub(), request, response);
        Map<String, List<String>> headers = new HashMap<>();
        request.getHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!UPGRADE_HEADERS.contains(lower)) {
                // interned: every connection holds the same few header names (and shares repeated values)
                headers.merge(lower.intern(), SharedValues.header(lower, values), (a, b) -> {
                    List<String> merged = new java.util.ArrayList<>(a);
                    merged.addAll(b);
                    return List.copyOf(merged);
                });
            }
        });
        config.getUserProperties().put(HEADERS_PROPERTY, Map.copyOf(headers));
        String address = SharedValues.address(remoteAddr(request));
        if (address != null) {
            config.getUserProperties().put(REMOTE_ADDRESS_PROPERTY, address);
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        T endpoint;
        try {
            endpoint = endpointClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            InstantiationException failure = new InstantiationException(
                    endpointClass.getName() + " needs a public no-argument constructor");
            failure.initCause(e);
            throw failure;
        }
        if (endpoint instanceof SwitchboardEndpoint programmatic) {
            programmatic.attach(hub());
        } else if (endpoint instanceof AnnotatedSwitchboardEndpoint annotated) {
            annotated.attach(hub());
        }
        return endpoint;
    }

    /** {@code getRemoteAddr()}, which some containers' sessions and handshake requests offer beyond the standard API; null if absent. */
    static String remoteAddr(Object target) {
        Method getter = REMOTE_ADDR.get(target.getClass()).orElse(null);
        if (getter == null) {
            return null;
        }
        try {
            Object value = getter.invoke(target);
            return value == null ? null : value.toString();
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return null;
        }
    }

    /** The getter per container class, looked up once per class rather than once per handshake. */
    private static final ClassValue<Optional<Method>> REMOTE_ADDR = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                return Optional.of(type.getMethod("getRemoteAddr"));
            } catch (NoSuchMethodException | RuntimeException e) {
                return Optional.empty();
            }
        }
    };
}
