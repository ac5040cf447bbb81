package dev.switchboard.standalone;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.GenericCloseListener;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's "drop connection": finds the TCP connection of a WebSocket by its upgrade request's
 * {@code Sec-WebSocket-Key} (which the hub keeps in the client's handshake) and cuts it without a
 * close frame, as a network loss would, so the client reconnects and resumes its session.
 *
 * <p>A Grizzly filter placed after the HTTP codec and before Tyrus records each upgrade request's
 * key and connection; entries leave when the connection closes. Thread-safe: one concurrent map.
 */
final class DemoSockets extends BaseFilter implements AddOn {

    private static final String KEY_HEADER = "Sec-WebSocket-Key";
    /** Set on a connection once its upgrade was seen, so later reads cost one indexed lookup. */
    private static final Attribute<Boolean> SEEN = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("switchboard.demo.socket-seen");

    private final Map<String, Connection<?>> byKey = new ConcurrentHashMap<>();

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(org.glassfish.grizzly.http.HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("No HTTP codec in the listener's filter chain");
        }
        builder.add(codec + 1, this);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        if (SEEN.isSet(connection)) {
            return ctx.getInvokeAction();
        }
        if (ctx.getMessage() instanceof HttpContent content
                && content.getHttpHeader() instanceof HttpRequestPacket request) {
            String key = request.getHeader(KEY_HEADER);
            if (key != null) {
                SEEN.set(connection, Boolean.TRUE);
                byKey.put(key, connection);
                connection.addCloseListener((GenericCloseListener) (closed, type) -> byKey.remove(key, closed));
            }
        }
        return ctx.getInvokeAction();
    }

    /**
     * Cuts the connection whose upgrade carried this key, without a WebSocket close frame.
     *
     * @return whether there was such a connection
     */
    boolean cut(String webSocketKey) {
        Connection<?> connection = webSocketKey == null ? null : byKey.remove(webSocketKey);
        if (connection == null) {
            return false;
        }
        connection.closeSilently();
        return true;
    }

    int tracked() {
        return byKey.size();
    }
}
