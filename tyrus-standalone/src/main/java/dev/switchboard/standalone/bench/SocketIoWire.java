package dev.switchboard.standalone.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loader's Socket.IO 4 dialect (Engine.IO 4 over a bare WebSocket), so that the scenarios' few
 * Switchboard frames drive {@code benchmarks/socketio/server.js} unchanged: each outbound frame is
 * rewritten into a Socket.IO packet, each inbound packet back into the frame the scenario expects.
 *
 * <ul>
 *   <li>{@code authenticate} becomes the namespace connect {@code 40{"token":..}}; {@code 40{"sid":..}}
 *       comes back as {@code connected}, a connect error {@code 44{..}} as {@code error};</li>
 *   <li>{@code join} becomes {@code 42<ack>["join",room]}, {@code request} becomes
 *       {@code 42<ack>[method,data]}; their ack {@code 43<ack>[value]} comes back as {@code joined} or
 *       as {@code response} with the request's id;</li>
 *   <li>an emitted {@code 42[event,data]} comes back as {@code {"event":..,"data":..}}; the server's
 *       ping {@code 2} is answered {@code 3} and, like the open packet {@code 0{..}}, not passed on.</li>
 * </ul>
 *
 * <p>One per connection. Threads: {@link #outbound} runs on whichever thread sends, {@link #inbound}
 * on the socket's delivery thread; the ack counter and the pending map are concurrent.
 */
final class SocketIoWire {

    /** What an inbound packet asks of the socket besides (or instead of) a frame for the scenario. */
    record Inbound(String frame, String reply) {
    }

    private static final String JOIN = "\u0000join";
    private static final Inbound PING = new Inbound(null, "3");
    private static final Inbound NOTHING = new Inbound(null, null);

    private final AtomicLong acks = new AtomicLong();
    private final Map<Long, String> pending = new ConcurrentHashMap<>();

    /** The Socket.IO packet for one of the bench's Switchboard frames ({@link Frames}). */
    String outbound(String frame) {
        String event = Frames.string(frame, "event");
        if ("authenticate".equals(event)) {
            return "40{\"token\":" + Frames.quote(String.valueOf(Frames.string(frame, "token"))) + "}";
        }
        long ack = acks.incrementAndGet();
        if ("join".equals(event)) {
            pending.put(ack, JOIN);
            return "42" + ack + "[\"join\"," + Frames.array(frame, "rooms") + "]";
        }
        if ("request".equals(event)) {
            pending.put(ack, String.valueOf(Frames.scalar(frame, "id")));
            return "42" + ack + "[" + Frames.quote(String.valueOf(Frames.string(frame, "method"))) + "," + data(frame) + "]";
        }
        throw new BenchFailure("the Socket.IO dialect has no packet for " + frame);
    }

    /** {@code data}'s raw JSON: {@link Frames#request} writes it last. */
    private static String data(String frame) {
        int at = frame.indexOf(",\"data\":");
        return at < 0 ? "null" : frame.substring(at + 8, frame.length() - 1);
    }

    /** The Switchboard frame for one Socket.IO packet (or none), and what to answer the server. */
    Inbound inbound(String packet) {
        if (packet.equals("2")) {
            return PING;
        }
        if (packet.startsWith("40")) {
            return new Inbound("{\"event\":\"connected\",\"data\":{\"id\":" + Frames.quote(String.valueOf(Frames.string(packet, "sid"))) + "}}", null);
        }
        if (packet.startsWith("44")) {
            return new Inbound("{\"event\":\"error\",\"data\":{\"code\":\"CONNECT_ERROR\",\"message\":"
                    + Frames.quote(packet.substring(2)) + "}}", null);
        }
        if (packet.startsWith("42[")) {
            int nameEnd = packet.indexOf('"', 4);
            int comma = packet.indexOf(',', nameEnd);
            String data = comma < 0 ? "null" : packet.substring(comma + 1, packet.length() - 1);
            return new Inbound("{\"event\":" + packet.substring(3, nameEnd + 1) + ",\"data\":" + data + "}", null);
        }
        if (packet.startsWith("43")) {
            int open = packet.indexOf('[');
            String request = open < 0 ? null : pending.remove(Long.parseLong(packet.substring(2, open)));
            if (request == null) {
                return new Inbound("{\"event\":\"error\",\"data\":{\"code\":\"UNKNOWN_ACK\",\"message\":"
                        + Frames.quote(packet) + "}}", null);
            }
            String value = packet.substring(open + 1, packet.length() - 1);
            return new Inbound(request.equals(JOIN)
                    ? "{\"event\":\"joined\",\"data\":" + value + "}"
                    : "{\"event\":\"response\",\"id\":" + Frames.quote(request) + ",\"data\":" + value + "}", null);
        }
        return NOTHING; // the open packet 0{..}, a disconnect 41: the close that follows is what counts
    }
}
