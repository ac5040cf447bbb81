package dev.switchboard.core.endpoint;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.internal.connection.SocketHandler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;

/**
 * Base of an annotated endpoint. Extend it and annotate the subclass:
 *
 * <pre>{@code
 * @ServerEndpoint(value = "/ws/{tenant}", configurator = HubConfigurator.class,
 *                 subprotocols = SwitchboardEndpoint.SUBPROTOCOL)
 * public class AppEndpoint extends AnnotatedSwitchboardEndpoint { }
 * }</pre>
 *
 * The hub is the one {@link HubConfigurator} hands over ({@link Hubs#current()} when the container
 * creates the configurator). Each instance serves one session; the container calls it from one
 * thread at a time.
 */
public abstract class AnnotatedSwitchboardEndpoint {

    private Hub hub;
    private volatile SocketHandler socket;
    private volatile TextParts parts;

    void attach(Hub hub) {
        this.hub = hub;
    }

    @OnOpen
    public void onOpen(Session session) {
        if (hub == null) {
            hub = Hubs.current();
        }
        socket = EndpointBridge.open(hub, session);
    }

    /** Text in parts: a whole-message handler costs Tyrus a decoder lookup per message (see {@link TextParts}). */
    @OnMessage
    public void onText(String part, boolean last) {
        TextParts pending = parts;
        TextParts next = TextParts.receive(pending, part, last, socket, hub.config().maxMessageBytes());
        if (next != pending) {
            parts = next;
        }
    }

    @OnMessage
    public void onBinary(ByteBuffer data) {
        socket.onBinary();
    }

    @OnClose
    public void onClose(CloseReason reason) {
        EndpointBridge.closed(socket, reason);
    }

    @OnError
    public void onError(Throwable error) {
        EndpointBridge.error(socket, error);
    }
}
