package dev.switchboard.core.internal.codec;

import dev.switchboard.api.Message;
import dev.switchboard.api.WireError;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed client frame: the envelope's fields with {@code data} kept as a JSON value, decoded to a
 * Java type only when a handler asks for one. Immutable.
 */
public final class Inbound implements Message {

    private final String event;
    private final JsonValue data;
    private final String id;
    private final String method;
    private final WireError error;
    private final JsonCodec codec;

    Inbound(String event, JsonValue data, String id, String method, WireError error, JsonCodec codec) {
        this.event = event;
        this.data = data;
        this.id = id;
        this.method = method;
        this.error = error;
        this.codec = codec;
    }

    @Override
    public String event() {
        return event;
    }

    @Override
    public String id() {
        return id;
    }

    public String method() {
        return method;
    }

    /** The {@code error} of a failed response, or {@code null}. */
    public WireError error() {
        return error;
    }

    /** The data as a JSON value, or {@code null} when absent. */
    public JsonValue json() {
        return data;
    }

    @Override
    public String rawData() {
        return data == null ? null : data.toString();
    }

    @Override
    public <T> T data(Class<T> type) {
        return codec.convert(data, type);
    }

    @Override
    public <T> T data(Type type) {
        return codec.convert(data, type);
    }

    /**
     * The string array under {@code field} of an object {@code data}, e.g. the {@code rooms} of a join.
     *
     * @throws MalformedMessageException when data is not an object, or the field is not an array of strings
     */
    public List<String> stringList(String field) throws MalformedMessageException {
        if (data instanceof JsonObject object && object.get(field) instanceof JsonArray array) {
            List<String> values = new ArrayList<>(array.size());
            for (JsonValue value : array) {
                if (!(value instanceof JsonString s)) {
                    break;
                }
                values.add(s.getString());
            }
            if (values.size() == array.size()) {
                return values;
            }
        }
        throw new MalformedMessageException("'" + event + "' needs data {\"" + field + "\": [strings]}");
    }
}
