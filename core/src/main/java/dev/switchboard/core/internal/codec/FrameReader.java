package dev.switchboard.core.internal.codec;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import org.slf4j.LoggerFactory;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * Reads a client frame's text and turns every way that can fail into a
 * {@link MalformedMessageException}: syntax errors, and Parsson's limits, which it throws as plain
 * runtime exceptions (nesting deeper than {@link #MAX_DEPTH}, numbers longer than 1,100
 * characters). Strings with unpaired surrogate escapes (such as {@code "&#92;ud800"}) are refused
 * too: they cannot be written back as UTF-8. When a frame cannot be read, its {@code id} is still
 * echoed if it comes before the fault. Thread-safe (immutable factories and a concurrent log).
 */
final class FrameReader {

    static final Pattern INTEGER_ID = Pattern.compile("-?[0-9]{1,19}");
    private static final FailureLog FAILURES = new FailureLog(LoggerFactory.getLogger(FrameReader.class));

    /**
     * Deepest nesting of arrays and objects a frame may have, the envelope included. Parsson's own
     * limit (1,000) is too deep for JSON-B: Yasson overflows the stack decoding a few hundred levels
     * into {@code Object}.
     */
    static final int MAX_DEPTH = 128;

    private final JsonParserFactory parsers;

    FrameReader(JsonProvider json) {
        // Parsson refuses input once its depth reaches the limit, so the limit is one more than allowed
        Map<String, Object> config = new HashMap<>(ThreadBuffers.config());
        config.put("org.eclipse.parsson.maxDepth", MAX_DEPTH + 1);
        this.parsers = json.createParserFactory(config);
    }

    /**
     * Reads a frame's top-level members in one pass: the envelope's own come out as strings, only
     * {@code error} and {@code data} are built as JSON values, and no object is built around them.
     * Every other member is parsed too (its syntax and limits count the same), then dropped. Like a
     * JSON reader, nothing after the top-level value is looked at.
     *
     * @return the members, or {@code null} when the frame is valid JSON but not an object
     */
    FrameMembers members(String text) throws MalformedMessageException {
        boolean checkSurrogates = mayHoldSurrogates(text);
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new JsonException("no JSON value");
            }
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                parser.getValue(); // the whole value is read, so a syntax error still counts as one
                return null;
            }
            String event = null;
            String id = null;
            FrameMembers.Kind idKind = FrameMembers.Kind.ABSENT;
            String method = null;
            boolean methodNotString = false;
            JsonValue error = null;
            JsonValue data = null;
            String dataText = null;
            boolean unpaired = false;
            while (parser.next() == JsonParser.Event.KEY_NAME) {
                String key = parser.getString();
                long keyEnd = "data".equals(key) ? parser.getLocation().getStreamOffset() : -1;
                JsonParser.Event type = parser.next();
                switch (key) {
                    case "event" -> {
                        event = type == JsonParser.Event.VALUE_STRING ? parser.getString() : null;
                        unpaired |= event == null ? unpaired(parser, type, checkSurrogates)
                                : checkSurrogates && !wellFormed(event);
                    }
                    case "id" -> {
                        idKind = kind(type);
                        id = idKind == FrameMembers.Kind.STRING || idKind == FrameMembers.Kind.NUMBER
                                ? parser.getString() : null;
                        if (idKind == FrameMembers.Kind.OTHER) {
                            parser.getValue();
                        }
                    }
                    case "method" -> {
                        method = type == JsonParser.Event.VALUE_STRING ? parser.getString() : null;
                        methodNotString = method == null && type != JsonParser.Event.VALUE_NULL;
                        unpaired |= method == null ? unpaired(parser, type, checkSurrogates)
                                : checkSurrogates && !wellFormed(method);
                    }
                    case "error" -> {
                        error = valueOrNull(parser.getValue());
                        unpaired |= checkSurrogates && error != null && !wellFormed(error);
                    }
                    case "data" -> {
                        data = valueOrNull(parser.getValue());
                        dataText = data == null ? null
                                : slice(text, keyEnd, parser.getLocation().getStreamOffset(), type);
                        unpaired |= checkSurrogates && data != null && !wellFormed(data);
                    }
                    default -> unpaired |= (checkSurrogates && !wellFormed(key)) | unpaired(parser, type, checkSurrogates);
                }
            }
            return new FrameMembers(event, id, idKind, method, methodNotString, error, data, dataText, unpaired);
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            // NoSuchElementException: the text ends inside the object
            throw new MalformedMessageException("Frame is not valid JSON", leadingId(text));
        } catch (RuntimeException e) {
            FAILURES.unexpected("A client frame was refused: the JSON parser threw (a limit on nesting or number "
                    + "length, or a parser fault)", e);
            throw new MalformedMessageException("Frame is not valid JSON or exceeds the parser's limits "
                    + "(nesting depth, number length)", leadingId(text));
        }
    }

    /**
     * A member's value as it stands in the frame: from after the colon that follows its key (which
     * ends at {@code keyEnd}) to {@code end}, where the parser stood once it had read the value.
     * {@code null} when the parser gives no offsets, or the slice does not begin and end as a value
     * of {@code type} must (a provider counting offsets otherwise): the value is then written anew.
     */
    static String slice(String text, long keyEnd, long end, JsonParser.Event type) {
        if (keyEnd < 0 || end > text.length() || end <= keyEnd) {
            return null;
        }
        int start = (int) keyEnd;
        while (start < end && (Character.isWhitespace(text.charAt(start)) || text.charAt(start) == ':')) {
            start++;
        }
        if (start >= end) {
            return null;
        }
        char first = text.charAt(start);
        char last = text.charAt((int) end - 1);
        boolean whole = switch (type) {
            case START_OBJECT -> first == '{' && last == '}';
            case START_ARRAY -> first == '[' && last == ']';
            case VALUE_STRING -> first == '"' && last == '"' && end - start >= 2;
            case VALUE_NUMBER -> (first == '-' || first >= '0' && first <= '9') && last >= '0' && last <= '9';
            case VALUE_TRUE -> end - start == 4 && text.startsWith("true", start);
            case VALUE_FALSE -> end - start == 5 && text.startsWith("false", start);
            default -> false;
        };
        return whole ? text.substring(start, (int) end) : null;
    }

    private static FrameMembers.Kind kind(JsonParser.Event type) {
        return switch (type) {
            case VALUE_NULL -> FrameMembers.Kind.ABSENT;
            case VALUE_STRING -> FrameMembers.Kind.STRING;
            case VALUE_NUMBER -> FrameMembers.Kind.NUMBER;
            default -> FrameMembers.Kind.OTHER;
        };
    }

    private static JsonValue valueOrNull(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    /** Reads the value the parser is at (nested ones whole) and tells whether it holds an unpaired surrogate. */
    private static boolean unpaired(JsonParser parser, JsonParser.Event type, boolean check) {
        if (type == JsonParser.Event.START_OBJECT || type == JsonParser.Event.START_ARRAY) {
            JsonValue value = parser.getValue();
            return check && !wellFormed(value);
        }
        return check && type == JsonParser.Event.VALUE_STRING && !wellFormed(parser.getString());
    }

    /**
     * The id of a frame that could not be read, if it is a top-level member before the fault (a
     * non-empty string or an integer), else {@code null}. Reads tokens only as far as needed.
     */
    private String leadingId(String text) {
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return null;
            }
            while (parser.hasNext() && parser.next() == JsonParser.Event.KEY_NAME) {
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                if ("id".equals(key)) {
                    return value == JsonParser.Event.VALUE_STRING || value == JsonParser.Event.VALUE_NUMBER
                            ? wellFormedId(parser.getString(), value) : null;
                }
                if (value == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String wellFormedId(String id, JsonParser.Event type) {
        if (type == JsonParser.Event.VALUE_NUMBER) {
            return INTEGER_ID.matcher(id).matches() ? id : null;
        }
        return !id.isEmpty() && wellFormed(id) ? id : null;
    }

    /**
     * Whether a frame's strings can hold a surrogate at all: only through a surrogate character in
     * the text or a backslash-u escape. Most frames have neither, and then the walk over the parsed
     * value ({@link #wellFormed(JsonValue)}) is skipped.
     */
    static boolean mayHoldSurrogates(String text) {
        if (text.indexOf("\\u") >= 0) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether every key and string in the value is well-formed UTF-16 (no unpaired surrogate). */
    static boolean wellFormed(JsonValue root) {
        Deque<JsonValue> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonValue value = pending.pop();
            if (value instanceof JsonString string) {
                if (!wellFormed(string.getString())) {
                    return false;
                }
            } else if (value instanceof JsonObject object) {
                for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                    if (!wellFormed(member.getKey())) {
                        return false;
                    }
                    pending.push(member.getValue());
                }
            } else if (value instanceof JsonArray array) {
                array.forEach(pending::push);
            }
        }
        return true;
    }

    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
