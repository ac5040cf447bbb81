package dev.switchboard.standalone;

import jakarta.websocket.DeploymentException;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A plain annotated {@code @ServerEndpoint} served exactly the way {@link StandaloneServer} serves
 * Switchboard (one Grizzly listener on the given interface, the same {@link BoundTyrusContainer} and
 * incoming buffer size), so the load generator's raw-Tyrus baseline differs from Switchboard only
 * in the endpoint. Started once by {@link #start}; {@link #close()} is idempotent.
 */
public final class PlainTyrusServer implements AutoCloseable {

    private final HttpServer http;
    private final BoundTyrusContainer container;
    private final URI uri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PlainTyrusServer(HttpServer http, BoundTyrusContainer container, URI uri) {
        this.http = http;
        this.container = container;
        this.uri = uri;
    }

    /**
     * @param path               the endpoint's path, as in its {@code @ServerEndpoint} annotation
     * @param incomingBufferSize Tyrus's incoming buffer, as {@link StandaloneServer} sizes it
     * @throws IOException when the address cannot be bound or the endpoint is invalid
     */
    public static PlainTyrusServer start(String host, int port, Class<?> endpoint, String path, int incomingBufferSize)
            throws IOException {
        HttpServer http = new HttpServer();
        NetworkListener listener = new NetworkListener("plain-tyrus", host, port);
        http.addListener(listener);
        BoundTyrusContainer container = new BoundTyrusContainer(incomingBufferSize);
        container.attachTo(listener, "/");
        try {
            container.addEndpoint(endpoint);
            http.start();
            container.start("/", listener.getPort());
        } catch (IOException | DeploymentException | RuntimeException e) {
            http.shutdownNow();
            throw e instanceof IOException io ? io : new IOException("Tyrus could not start: " + e.getMessage(), e);
        }
        return new PlainTyrusServer(http, container, URI.create("ws://" + host + ":" + listener.getPort() + path));
    }

    public URI webSocketUri() {
        return uri;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        container.stop();
        http.shutdownNow();
    }
}
