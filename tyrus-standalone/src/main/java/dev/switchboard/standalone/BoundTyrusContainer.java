package dev.switchboard.standalone;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.Set;

/**
 * A Tyrus server container that serves WebSocket upgrades on a Grizzly {@link NetworkListener}
 * we built ourselves, so the server binds exactly the configured interface and the same port also
 * serves plain HTTP. (Tyrus's own Grizzly container always binds 0.0.0.0 and owns its HTTP server.)
 *
 * <p>Endpoints are registered before {@link #start}; after it the container is read-only. Not
 * thread-safe during setup; Tyrus synchronizes the engine afterwards.
 */
final class BoundTyrusContainer extends TyrusServerContainer {

    private final TyrusWebSocketEngine engine;
    private volatile String contextPath = "/";

    BoundTyrusContainer(int incomingBufferSize) {
        super(Set.<Class<?>>of());
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferSize).build();
        // Tyrus treats an idle timeout of 0 as "time out now, check later": it schedules a timer task per
        // frame sent or received and keeps one per socket. A negative one means none; the hub's heartbeat
        // sweep ends idle connections.
        setDefaultMaxSessionIdleTimeout(-1);
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, contextPath);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    /**
     * Lets {@code listener} upgrade requests to this container's endpoints, without HTTP's idle timeout. Tyrus keeps the add-on's
     * constructor package-private, so it is called reflectively; that is the only non-API use of Tyrus here.
     */
    void attachTo(NetworkListener listener, String contextPath) {
        this.contextPath = contextPath;
        // Grizzly's HTTP keep-alive drops a connection idle for 30 s, upgraded WebSockets included;
        // Tyrus's own Grizzly container turns it off the same way. Idle sockets are the hub's heartbeat's business.
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        try {
            Constructor<? extends AddOn> constructor = Class
                    .forName("org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn")
                    .asSubclass(AddOn.class)
                    .getDeclaredConstructor(ServerContainer.class, String.class);
            constructor.setAccessible(true);
            listener.registerAddOn(constructor.newInstance(this, contextPath));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("This Tyrus version's Grizzly add-on cannot be attached to a listener", e);
        }
    }
}
