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
 * A parsed client frame: the envelope's fields with {@code data} kept as a JSON value ({@link #json}),
 * decoded to a Java type only when a handler asks for one. Immutable.
 *
 * @param json  the data as a JSON value, or {@code null} when absent
 * @param text  the data's JSON text as the client sent it, or {@code null} when absent or not known
 * @param error the {@code error} of a failed response, or {@code null}
 * @param codec what decodes {@code json} to the types handlers ask for
 */
public record Inbound(String event, JsonValue json, String text, String id, String method, WireError error, JsonCodec codec)
        implements Message {

    @Override
    public String rawData() {
        return text != null ? text : json == null ? null : json.toString();
    }

    @Override
    public <T> T data(Class<T> type) {
        return codec.convert(json, text, type);
    }

    @Override
    public <T> T data(Type type) {
        return codec.convert(json, text, type);
    }

    /**
     * The string array under {@code field} of an object {@code data}, e.g. the {@code rooms} of a join.
     *
     * @throws MalformedMessageException when data is not an object, or the field is not an array of strings
     */
    public List<String> stringList(String field) throws MalformedMessageException {
        if (json instanceof JsonObject object && object.get(field) instanceof JsonArray array) {
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
