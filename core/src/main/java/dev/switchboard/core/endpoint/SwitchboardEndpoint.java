package dev.switchboard.core.endpoint;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.internal.connection.FrameBatcher;
import dev.switchboard.core.internal.connection.SocketHandler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The programmatic endpoint: register {@link #config(String, Hub)} with any Jakarta WebSocket
 * server container to serve a hub at a path chosen at runtime. Path templates such as
 * {@code /ws/{tenant}} work; their values are on {@code client.handshake().pathParameters()}.
 */
public class SwitchboardEndpoint extends Endpoint {

    /** The subprotocol of this wire protocol version; a client that asks for none gets it too. */
    public static final String SUBPROTOCOL = "switchboard.v1";

    /**
     * The same protocol with server frames coalesced: one text frame may carry several envelopes,
     * separated by {@code \n}. Offered by the programmatic config; a client that prefers it lists it first.
     */
    public static final String SUBPROTOCOL_BATCH = FrameBatcher.BATCH_SUBPROTOCOL;

    private Hub hub;
    private volatile SocketHandler socket;
    private volatile TextParts parts;

    public SwitchboardEndpoint() {
    }

    public SwitchboardEndpoint(Hub hub) {
        this.hub = hub;
    }

    void attach(Hub hub) {
        this.hub = hub;
    }

    /** An endpoint config serving {@code hub} at {@code path}, speaking {@value #SUBPROTOCOL} and {@value #SUBPROTOCOL_BATCH}. */
    public static ServerEndpointConfig config(String path, Hub hub) {
        return ServerEndpointConfig.Builder.create(SwitchboardEndpoint.class, path)
                .subprotocols(List.of(SUBPROTOCOL, SUBPROTOCOL_BATCH))
                .configurator(new HubConfigurator(hub))
                .build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        if (hub == null) {
            hub = Hubs.current();
        }
        SocketHandler opened = EndpointBridge.open(hub, session);
        socket = opened;
        // partial: Tyrus looks up decoders for every message a whole-message handler gets (see TextParts)
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) this::onText);
        session.addMessageHandler(ByteBuffer.class, data -> opened.onBinary());
    }

    private void onText(String part, boolean last) {
        TextParts pending = parts;
        TextParts next = TextParts.receive(pending, part, last, socket, hub.config().maxMessageBytes());
        if (next != pending) {
            parts = next;
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        EndpointBridge.closed(socket, closeReason);
    }

    @Override
    public void onError(Session session, Throwable error) {
        EndpointBridge.error(socket, error);
    }
}
