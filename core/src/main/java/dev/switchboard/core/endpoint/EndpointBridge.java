package dev.switchboard.core.endpoint;

import dev.switchboard.api.Handshake;
import dev.switchboard.core.internal.connection.SocketHandler;
import dev.switchboard.core.hub.Hub;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What both endpoint kinds do with a container session: open it on the hub (buffer limits, the
 * handshake the configurator recorded) and pass a close on. The endpoint keeps the socket's handler
 * itself, in a volatile field for the calls that follow {@code open} (the container calls an
 * endpoint instance from one thread at a time, not always the same one), so an idle socket holds no
 * bridge object of its own. Stateless.
 */
final class EndpointBridge {

    /** Jakarta WebSocket user property some containers (Jetty, Undertow) set to the peer's address. */
    private static final String REMOTE_ADDRESS_PROPERTY = "jakarta.websocket.endpoint.remoteAddress";

    private EndpointBridge() {
    }

    /** Opens {@code session} on {@code hub}: the handler of its every later event. */
    static SocketHandler open(Hub hub, Session session) {
        int max = hub.config().maxMessageBytes();
        session.setMaxTextMessageBufferSize(max);
        session.setMaxBinaryMessageBufferSize(max);
        if (session.getMaxIdleTimeout() == 0) {
            // both mean "no idle timeout" (the hub's heartbeats watch the socket), but Tyrus reschedules a
            // zero-delay idle check on its timer thread for every message unless the timeout is negative
            session.setMaxIdleTimeout(-1);
        }
        return hub.sockets().open(new SessionTransport(session), handshake(session));
    }

    /** Tells {@code socket} (null if the session never opened) that the container closed it. */
    static void closed(SocketHandler socket, CloseReason reason) {
        if (socket != null) {
            socket.onClose(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }
    }

    /** Tells {@code socket} (null if the session never opened) of a container error. */
    static void error(SocketHandler socket, Throwable error) {
        if (socket != null) {
            socket.onError(error);
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
        URI uri = session.getRequestURI(); // Tyrus builds a new URI on every call
        return new Handshake(
                uri == null ? "" : SharedValues.string(uri.getPath()),
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
        return HubConfigurator.remoteAddr(session);
    }
}
