package dev.switchboard.client;

import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;
import dev.switchboard.api.WireError;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.lang.reflect.Type;

/**
 * The client's wire codec: parses server frames with JSON-P (lenient about what it does not need,
 * strict about {@code event}) and writes envelopes and decodes payloads with JSON-B. Immutable and
 * thread-safe; one per client.
 */
final class Codec {

    /**
     * A parsed server frame; {@code data} stays JSON until someone asks for a type. {@code seq} is
     * the session sequence number of a replayable message, {@code null} on the others.
     */
    record Frame(String event, JsonValue data, String id, String method, WireError error, Long seq) {
    }

    private final Jsonb jsonb = JsonbBuilder.create();
    private final JsonProvider json = JsonProvider.provider();

    String encode(Envelope envelope) {
        return jsonb.toJson(envelope);
    }

    /** {@link #parse}, or null after logging a warning when the server sent a malformed frame. */
    Frame parseOrWarn(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            System.getLogger(Codec.class.getName()).log(System.Logger.Level.WARNING,
                    "Ignoring a malformed frame from the server: {0}", e.getMessage());
            return null;
        }
    }

    /**
     * Parses a server frame.
     *
     * @throws IllegalArgumentException when the text is not a JSON object with a non-empty string {@code event}
     */
    Frame parse(String text) {
        JsonValue value;
        try (JsonReader reader = json.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("not valid JSON", e);
        }
        if (!(value instanceof JsonObject object)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!(object.get("event") instanceof JsonString event) || event.getString().isEmpty()) {
            throw new IllegalArgumentException("no string 'event'");
        }
        JsonValue data = object.get("data");
        return new Frame(event.getString(), data == null ? JsonValue.NULL : data, id(object.get("id")),
                object.get("method") instanceof JsonString method ? method.getString() : null,
                error(object.get("error")), seq(object.get("seq")));
    }

    /** Decodes JSON into {@code type}; JSON {@code null} becomes {@code null}. */
    <T> T decode(JsonValue value, Type type) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (type == JsonValue.class || (type instanceof Class<?> c && JsonValue.class.isAssignableFrom(c)
                && c.isInstance(value))) {
            @SuppressWarnings("unchecked")
            T same = (T) value;
            return same;
        }
        try {
            return jsonb.fromJson(value.toString(), type);
        } catch (JsonbException | ClassCastException e) {
            throw new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT, "Data does not fit " + type.getTypeName());
        }
    }

    private static String id(JsonValue id) {
        if (id instanceof JsonString s && !s.getString().isEmpty()) {
            return s.getString();
        }
        if (id instanceof JsonNumber n) {
            return n.toString();
        }
        return null;
    }

    private static Long seq(JsonValue seq) {
        if (seq instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    private static WireError error(JsonValue error) {
        if (!(error instanceof JsonObject object)) {
            return null;
        }
        String code = object.get("code") instanceof JsonString s ? s.getString() : ErrorCodes.INTERNAL_ERROR;
        String message = object.get("message") instanceof JsonString s ? s.getString() : "";
        return new WireError(code, message);
    }
}
