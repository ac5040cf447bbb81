package dev.switchboard.core.endpoint;

import dev.switchboard.api.Handshake;
import dev.switchboard.core.internal.connection.SocketHandler;
import dev.switchboard.core.hub.Hub;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * Forwards one container session's events to the handler the hub gave its socket. One bridge per
 * endpoint instance; the container calls an endpoint instance from one thread at a time, and the
 * handler is published through a volatile field for the calls that follow {@code open}.
 */
final class EndpointBridge {

    /** Jakarta WebSocket user property some containers (Jetty, Undertow) set to the peer's address. */
    private static final String REMOTE_ADDRESS_PROPERTY = "jakarta.websocket.endpoint.remoteAddress";

    private final Hub hub;
    private volatile SocketHandler socket;

    EndpointBridge(Hub hub) {
        this.hub = hub;
    }

    void open(Session session) {
        int max = hub.config().maxMessageBytes();
        session.setMaxTextMessageBufferSize(max);
        session.setMaxBinaryMessageBufferSize(max);
        socket = hub.sockets().open(new SessionTransport(session), handshake(session));
    }

    void text(String text) {
        socket.onText(text);
    }

    void binary() {
        socket.onBinary();
    }

    void closed(CloseReason reason) {
        SocketHandler current = socket;
        if (current != null) {
            current.onClose(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }
    }

    void error(Throwable error) {
        SocketHandler current = socket;
        if (current != null) {
            current.onError(error);
        }
    }

    private static Handshake handshake(Session session) {
        Map<String, Object> properties = session.getUserProperties();
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>)
                properties.getOrDefault(HubConfigurator.HEADERS_PROPERTY, Map.of());
        Object recordedAddress = properties.get(HubConfigurator.REMOTE_ADDRESS_PROPERTY);
        // the Handshake keeps them; the session's copy would only hold memory for its lifetime
        properties.remove(HubConfigurator.HEADERS_PROPERTY);
        properties.remove(HubConfigurator.REMOTE_ADDRESS_PROPERTY);
        return new Handshake(
                session.getRequestURI() == null ? "" : SharedValues.string(session.getRequestURI().getPath()),
                session.getPathParameters(),
                session.getRequestParameterMap(),
                headers,
                remoteAddress(session, recordedAddress),
                session.getNegotiatedSubprotocol());
    }

    /** The peer address: the standard user property, what the configurator recorded, or the session's own accessor. */
    private static String remoteAddress(Session session, Object recorded) {
        Object standard = session.getUserProperties().get(REMOTE_ADDRESS_PROPERTY);
        if (standard instanceof InetSocketAddress address) {
            return address.getHostString() + ":" + address.getPort();
        }
        if (standard != null) {
            return standard.toString();
        }
        if (recorded != null) {
            return recorded.toString();
        }
        return HubConfigurator.invokeStringGetter(session, "getRemoteAddr");
    }
}
