package dev.switchboard.core.internal.codec;

import dev.switchboard.api.Envelope;
import dev.switchboard.api.WireError;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import org.slf4j.LoggerFactory;

import java.io.StringWriter;
import java.lang.reflect.Type;

/**
 * The wire codec: parses client frames into {@link Inbound} (JSON-P's streaming parser, strict about
 * the envelope's shape) and writes {@link Envelope}s and payloads with JSON-B (Yasson), JSON-P values
 * with JSON-P's generator. Thread-safe; one per hub.
 */
public final class JsonCodec implements AutoCloseable {

    private static final FailureLog FAILURES = new FailureLog(LoggerFactory.getLogger(JsonCodec.class));

    private final Jsonb jsonb;
    private final JsonProvider json = JsonProvider.provider();
    private final FrameReader reader = new FrameReader(json);
    private final JsonGeneratorFactory generators = json.createGeneratorFactory(ThreadBuffers.config());

    public JsonCodec() {
        this(new JsonbConfig());
    }

    public JsonCodec(JsonbConfig config) {
        this.jsonb = JsonbBuilder.create(config);
    }

    /** Encodes an envelope as one JSON text frame. */
    public String encode(Envelope envelope) {
        return jsonb.toJson(envelope);
    }

    /** Encodes an envelope once into a frame ready for any number of outbound queues. */
    public OutboundFrame frame(Envelope envelope) {
        return OutboundFrame.of(encode(envelope));
    }

    /** Encodes any value with JSON-B. */
    public String toJson(Object value) {
        return jsonb.toJson(value);
    }

    /** A payload as JSON text for the cluster bus: {@code "null"} for {@code null}, else JSON-B's encoding. */
    public String dataJson(Object data) {
        return data == null ? "null" : jsonb.toJson(data);
    }

    /**
     * The frame {@code {"event":..,"data":..}} spliced around {@code dataJson}, JSON text encoded
     * already (by {@link #dataJson} here or by another node), with {@code data} left out when it is
     * {@code null}: the frame {@code frame(Envelope.of(event, data))} would give, without encoding the
     * payload again.
     */
    public OutboundFrame frame(String event, String dataJson) {
        String quoted = quote(event);
        if (dataJson != null && dataJson.indexOf('\n') >= 0) {
            // another publisher's pretty-printed JSON: a raw newline can only be whitespace, and batches split on it
            dataJson = dataJson.replace('\n', ' ');
        }
        if (dataJson == null || "null".equals(dataJson)) {
            return OutboundFrame.of("{\"event\":" + quoted + "}");
        }
        return OutboundFrame.of(new StringBuilder(quoted.length() + dataJson.length() + 19)
                .append("{\"event\":").append(quoted).append(",\"data\":").append(dataJson).append('}').toString());
    }

    /**
     * The frame {@code frame(Envelopes.response(id, data))} would give, without the envelope's JSON-B
     * pass: a JSON-P value is written by one generator together with the envelope, anything else gets
     * one JSON-B pass spliced into it.
     */
    public OutboundFrame response(String id, Object data) {
        return response(id, data, null);
    }

    /**
     * As {@link #response(String, Object)}, where {@code dataText} (or {@code null}) is the JSON text
     * {@code data} was read from: written as it is, with no pass over the value at all (an echoed
     * payload: the frame is the same up to whitespace and escapes, the value identical).
     */
    public OutboundFrame response(String id, Object data, String dataText) {
        if (dataText != null) {
            return splicedResponse(id, dataText);
        }
        if (data instanceof JsonValue value) {
            // the whole frame from one generator: no text of the value to splice, nor a builder to splice it in
            StringWriter out = new StringWriter(64);
            try (JsonGenerator generator = generators.createGenerator(out)) {
                generator.writeStartObject().write("event", "response").write("id", id).write("data", value).writeEnd();
            }
            return OutboundFrame.of(out.toString());
        }
        return splicedResponse(id, data == null ? null : jsonb.toJson(data));
    }

    private OutboundFrame splicedResponse(String id, String dataJson) {
        if (dataJson != null && dataJson.indexOf('\n') >= 0) {
            // JSON-B configured to pretty-print, or a client's own: a raw newline can only be whitespace
            dataJson = dataJson.replace('\n', ' ');
        }
        StringBuilder out = new StringBuilder(40 + id.length() + (dataJson == null ? 0 : dataJson.length()))
                .append("{\"event\":\"response\",\"id\":").append(quote(id));
        if (dataJson != null) {
            out.append(",\"data\":").append(dataJson);
        }
        return OutboundFrame.of(out.append('}').toString());
    }

    private String quote(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return json.createValue(text).toString();
            }
        }
        return '"' + text + '"';
    }

    /**
     * Parses a client frame.
     *
     * @throws MalformedMessageException when the text is not JSON or breaks a parser limit, is not a JSON
     *                                   object, has a string with an unpaired surrogate, {@code event} is missing
     *                                   or not a non-empty string, or {@code id}/{@code method}/{@code error}
     *                                   have the wrong type; it carries the frame's id when that was readable
     */
    public Inbound parse(String text) throws MalformedMessageException {
        FrameMembers members = reader.members(text);
        if (members == null) {
            throw new MalformedMessageException("Frame must be a JSON object");
        }
        String id = requestId(members);
        String event = members.event();
        if (event == null || event.isEmpty()) {
            throw new MalformedMessageException("Field 'event' must be a non-empty string", id);
        }
        if (members.unpairedSurrogate()) {
            throw new MalformedMessageException("Strings must be valid Unicode (no unpaired surrogate escapes)", id);
        }
        if (members.methodNotString()) {
            throw new MalformedMessageException("Field 'method' must be a string", id);
        }
        return new Inbound(event, members.data(), members.dataText(), id, members.method(), wireError(members.error(), id), this);
    }

    /**
     * Decodes a JSON value (or {@code null}) into the given type.
     *
     * @throws DataMismatchException when the value does not fit the type
     */
    public <T> T convert(JsonValue value, Type type) {
        return convert(value, null, type);
    }

    /**
     * As {@link #convert(JsonValue, Type)}, with the value's JSON text as the client sent it (or
     * {@code null}): what JSON-B reads for a typed payload, so the value is not written out first.
     */
    @SuppressWarnings("unchecked")
    public <T> T convert(JsonValue value, String text, Type type) {
        if (value == null) {
            return null;
        }
        // a JSON-P type asked for: the parsed value itself, no round trip through text (decode once);
        // JSON-B would hand back an array for JsonObject.class, to fail as a ClassCastException in the handler
        if (type instanceof Class<?> asked && asked != Object.class && JsonValue.class.isAssignableFrom(asked)) {
            if (asked.isInstance(value)) {
                return (T) value;
            }
            throw new DataMismatchException("data does not fit " + asked.getTypeName(),
                    new ClassCastException(value.getValueType() + " is not a " + asked.getSimpleName()));
        }
        if (type == String.class && value instanceof JsonString string) {
            return (T) string.getString();
        }
        // through text: Yasson's own reader of a parsed value (fromJsonStructure) turns a JSON true into the
        // string "true" when the target is Object (a Map's values), which the conformance suite caught
        return fromJson(text != null ? text : value.toString(), type);
    }

    /**
     * Decodes JSON text into the given type.
     *
     * @throws DataMismatchException when the text is not JSON or does not fit the type (whatever
     *                               JSON-B or its parser threw; an unexpected kind is logged once)
     */
    public <T> T fromJson(String json, Type type) {
        try {
            return jsonb.fromJson(json, type);
        } catch (JsonbException | ClassCastException e) {
            throw new DataMismatchException("data does not fit " + type.getTypeName(), e);
        } catch (RuntimeException | StackOverflowError e) {
            FAILURES.unexpected("JSON-B threw decoding data into a " + type.getTypeName(), e);
            throw new DataMismatchException("data does not fit " + type.getTypeName(), e);
        }
    }

    private static String requestId(FrameMembers members) throws MalformedMessageException {
        String id = members.id();
        boolean valid = switch (members.idKind()) {
            case ABSENT -> true;
            case STRING -> !id.isEmpty() && FrameReader.wellFormed(id);
            case NUMBER -> FrameReader.INTEGER_ID.matcher(id).matches();
            case OTHER -> false;
        };
        if (!valid) {
            throw new MalformedMessageException("Field 'id' must be a non-empty string or an integer");
        }
        return id;
    }

    private static WireError wireError(JsonValue error, String id) throws MalformedMessageException {
        if (error == null || error.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (error instanceof JsonObject object && object.get("code") instanceof JsonString code
                && !code.getString().isEmpty()) {
            String message = optionalString(object, "message", id);
            return new WireError(code.getString(), message == null ? "" : message);
        }
        throw new MalformedMessageException("Field 'error' must be {\"code\": string, \"message\": string}", id);
    }

    private static String optionalString(JsonObject object, String field, String id) throws MalformedMessageException {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new MalformedMessageException("Field '" + field + "' must be a string", id);
    }

    @Override
    public void close() throws Exception {
        jsonb.close();
    }
}
