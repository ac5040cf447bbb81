package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;

/**
 * The JSON form of a {@link ClusterMessage} on Redis (version 1):
 * <pre>{"v":1,"origin":"node-a","kind":"room","target":"lobby","event":"moved","data":{...},"exclude":["c1"]}</pre>
 * {@code target} is absent for broadcast, {@code exclude} when empty. {@code data} is spliced in as
 * the JSON text the publisher encoded, never re-encoded. A logged message (every channel but
 * {@code node}) also carries {@code "cseq"}, its number among the origin's messages on that channel
 * (1, 2, 3…), and {@code "sid"}, the id of its entry in the origin's log stream (see {@link BusLog}).
 * Stateless and thread-safe.
 */
final class BusCodec {

    static final int VERSION = 1;

    private static final JsonProvider JSON = JsonProvider.provider();

    private BusCodec() {
    }

    /** A decoded message with its log position; {@code cseq} 0 and {@code sid} null when it has none. */
    record Received(ClusterMessage message, long cseq, StreamId sid) {
        boolean logged() {
            return sid != null && cseq > 0;
        }
    }

    static String encode(ClusterMessage message) {
        return encode(message, 0, null);
    }

    /** The message with its log position ({@code cseq} 0 and {@code sid} null: none). */
    static String encode(ClusterMessage message, long cseq, StreamId sid) {
        StringBuilder out = new StringBuilder(96 + message.data().length());
        out.append("{\"v\":").append(VERSION);
        field(out, "origin", message.origin());
        field(out, "kind", message.channel().kind().wireName());
        if (message.channel().target() != null) {
            field(out, "target", message.channel().target());
        }
        field(out, "event", message.event());
        out.append(",\"data\":").append(message.data());
        if (!message.exclude().isEmpty()) {
            out.append(",\"exclude\":[");
            String separator = "";
            for (String clientId : message.exclude()) {
                out.append(separator).append(quote(clientId));
                separator = ",";
            }
            out.append(']');
        }
        if (sid != null) {
            out.append(",\"cseq\":").append(cseq).append(",\"sid\":\"").append(sid).append('"');
        }
        return out.append('}').toString();
    }

    /** A message text from {@link #encode(ClusterMessage)} with its log position added. */
    static String withPosition(String body, long cseq, StreamId sid) {
        return body.substring(0, body.length() - 1) + ",\"cseq\":" + cseq + ",\"sid\":\"" + sid + "\"}";
    }

    /**
     * Parses a message.
     *
     * @throws IllegalArgumentException when the text is not a version-1 message
     */
    static ClusterMessage decode(String text) {
        return decodeReceived(text).message();
    }

    /**
     * Parses a message and its log position, if it has a valid one.
     *
     * @throws IllegalArgumentException when the text is not a version-1 message
     */
    static Received decodeReceived(String text) {
        JsonObject object;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            object = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("not a JSON object", e);
        }
        if (!(object.get("v") instanceof JsonNumber version) || version.intValue() != VERSION) {
            throw new IllegalArgumentException("unsupported message version " + object.get("v"));
        }
        ClusterChannel.Kind kind = ClusterChannel.Kind.fromWireName(string(object, "kind"));
        if (kind == null) {
            throw new IllegalArgumentException("unknown kind " + object.get("kind"));
        }
        JsonValue data = object.get("data");
        ClusterMessage message = new ClusterMessage(string(object, "origin"),
                new ClusterChannel(kind, string(object, "target")), string(object, "event"),
                data == null ? "null" : data.toString(), exclude(object.get("exclude")));
        StreamId sid = null;
        long cseq = 0;
        if (object.get("cseq") instanceof JsonNumber number && number.isIntegral() && string(object, "sid") != null) {
            cseq = number.longValue();
            sid = StreamId.parse(string(object, "sid"));
        }
        return cseq > 0 ? new Received(message, cseq, sid) : new Received(message, 0, null);
    }

    private static Set<String> exclude(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        for (JsonValue id : array) {
            if (id instanceof JsonString s) {
                ids.add(s.getString());
            }
        }
        return ids;
    }

    private static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":").append(quote(value));
    }

    private static String quote(String value) {
        return JSON.createValue(value).toString();
    }
}
