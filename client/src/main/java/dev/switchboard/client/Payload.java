package dev.switchboard.client;

import jakarta.json.JsonValue;

import java.lang.reflect.Type;

/**
 * The {@code data} of a frame from the server, kept as JSON until you pick a type: for untyped
 * event handlers, progress notifications and server requests. Immutable.
 *
 * <pre>{@code client.on("price", payload -> show(payload.as(Price.class)));}</pre>
 */
public final class Payload {

    private final JsonValue json;
    private final Codec codec;

    Payload(JsonValue json, Codec codec) {
        this.json = json == null ? JsonValue.NULL : json;
        this.codec = codec;
    }

    /**
     * The data decoded with JSON-B; {@code null} when the frame had no data.
     *
     * @throws dev.switchboard.api.RpcException with {@code INVALID_MESSAGE_FORMAT} when it does not fit
     */
    public <T> T as(Class<T> type) {
        return codec.decode(json, type);
    }

    /** As {@link #as(Class)}, for generic types such as {@code List<Item>}. */
    public <T> T as(Type type) {
        return codec.decode(json, type);
    }

    /** The data as a JSON-P value ({@link JsonValue#NULL} when absent). */
    public JsonValue json() {
        return json;
    }

    /** True when the frame carried no data or JSON {@code null}. */
    public boolean isNull() {
        return json.getValueType() == JsonValue.ValueType.NULL;
    }

    /** The data as JSON text. */
    @Override
    public String toString() {
        return json.toString();
    }
}
