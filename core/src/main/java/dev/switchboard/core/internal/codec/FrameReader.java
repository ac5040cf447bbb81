package dev.switchboard.core.internal.codec;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import org.slf4j.LoggerFactory;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a client frame's text into a JSON value and turns every way that can fail into a
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

    private final JsonReaderFactory readers;
    private final JsonParserFactory parsers;

    FrameReader(JsonProvider json) {
        // Parsson refuses input once its depth reaches the limit, so the limit is one more than allowed
        Map<String, Object> limits = Map.of("org.eclipse.parsson.maxDepth", MAX_DEPTH + 1);
        this.readers = json.createReaderFactory(limits);
        this.parsers = json.createParserFactory(limits);
    }

    /** The frame's JSON value; every string in it is well-formed UTF-16. */
    JsonValue read(String text) throws MalformedMessageException {
        JsonValue value;
        try (JsonReader reader = readers.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new MalformedMessageException("Frame is not valid JSON", leadingId(text));
        } catch (RuntimeException e) {
            FAILURES.unexpected("A client frame was refused: the JSON parser threw (a limit on nesting or number "
                    + "length, or a parser fault)", e);
            throw new MalformedMessageException("Frame is not valid JSON or exceeds the parser's limits "
                    + "(nesting depth, number length)", leadingId(text));
        }
        return value;
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
