package dev.switchboard.core.endpoint;

import dev.switchboard.core.hub.Hub;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a handshake while the node is at its connection limit. Jakarta WebSocket gives a
 * configurator no portable way to set the HTTP status, so: on Tyrus (the standalone server,
 * Payara, GlassFish) the configurator throws Tyrus's own handshake exception with status 503,
 * which Tyrus answers as such (any other exception makes it drop the TCP connection without an
 * answer); on other containers the handshake goes through and the hub closes the new socket at
 * once with 1013 "try again later" after an {@code error CONNECTION_LIMIT} (the same answer a
 * socket gets that slips past the check on Tyrus). Looked up once; stateless.
 */
final class NodeFull {

    static final int STATUS = 503;
    private static final String MESSAGE = "This server has no room for more connections; try again later";
    private static final Constructor<?> TYRUS_REFUSAL = tyrusRefusal();

    private NodeFull() {
    }

    /**
     * Throws the 503 refusal when the node is full and the container is Tyrus (its request class, not
     * merely Tyrus's classes on the class path, as a WAR bundling the Tyrus client has); returns otherwise.
     * The answer says it has no body and ends the connection, so clients that read a body up to
     * the end of the stream (the JDK's) do not wait for one.
     */
    static void check(Hub hub, HandshakeRequest request, HandshakeResponse response) {
        if (TYRUS_REFUSAL != null && request.getClass().getName().startsWith("org.glassfish.tyrus.")
                && hub.sockets().refusesHandshake()) {
            Throwable refusal;
            try {
                refusal = (Throwable) TYRUS_REFUSAL.newInstance(STATUS, MESSAGE);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return;
            }
            Map<String, List<String>> headers = response.getHeaders();
            headers.keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).startsWith("sec-websocket")
                    || name.equalsIgnoreCase("upgrade"));
            headers.put("Content-Length", List.of("0"));
            headers.put("Connection", List.of("close"));
            headers.put("Retry-After", List.of("5"));
            throw NodeFull.<RuntimeException>sneaky(refusal);
        }
    }

    /** Throws a checked exception where the configurator's signature declares none (Tyrus catches it by type). */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable failure) throws E {
        throw (E) failure;
    }

    private static Constructor<?> tyrusRefusal() {
        try {
            return Class.forName("org.glassfish.tyrus.core.HandshakeException", false, NodeFull.class.getClassLoader())
                    .getConstructor(int.class, String.class);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }
}
