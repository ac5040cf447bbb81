package dev.switchboard.standalone.bench;

/**
 * Reads the few fields the load generator needs from a JSON text frame without building a tree,
 * so the loader spends little CPU per delivery on a machine it shares with the server. Only for
 * frames whose scanned fields are top-level or unique (the frames both servers send); string values
 * must not contain escaped quotes (the bench's values are ids, event names and digits). Stateless.
 */
final class Frames {

    private Frames() {
    }

    /** The first string value of {@code "name"}, or {@code null}. */
    static String string(String frame, String name) {
        int at = valueStart(frame, name);
        if (at < 0 || at >= frame.length() || frame.charAt(at) != '"') {
            return null;
        }
        int end = frame.indexOf('"', at + 1);
        return end < 0 ? null : frame.substring(at + 1, end);
    }

    /** The first value of {@code "name"} as written: a string's content, or a number/literal's text. */
    static String scalar(String frame, String name) {
        int at = valueStart(frame, name);
        if (at < 0 || at >= frame.length()) {
            return null;
        }
        if (frame.charAt(at) == '"') {
            return string(frame, name);
        }
        int end = at;
        while (end < frame.length() && ",}] \n\r\t".indexOf(frame.charAt(end)) < 0) {
            end++;
        }
        return frame.substring(at, end);
    }

    /** The raw text between the brackets of the first array value of {@code "name"}, or {@code null}. */
    static String array(String frame, String name) {
        int at = valueStart(frame, name);
        if (at < 0 || at >= frame.length() || frame.charAt(at) != '[') {
            return null;
        }
        int end = frame.indexOf(']', at);
        return end < 0 ? null : frame.substring(at + 1, end);
    }

    /** Whether the frame has a key {@code "name"} (e.g. {@code error}). */
    static boolean has(String frame, String name) {
        return valueStart(frame, name) >= 0;
    }

    private static int valueStart(String frame, String name) {
        String key = '"' + name + '"';
        int from = 0;
        while (true) {
            int at = frame.indexOf(key, from);
            if (at < 0) {
                return -1;
            }
            int i = skipSpace(frame, at + key.length());
            if (i < frame.length() && frame.charAt(i) == ':') {
                return skipSpace(frame, i + 1);
            }
            from = at + key.length(); // the name appeared as a value; look further
        }
    }

    private static int skipSpace(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** {@code "text"} as a JSON string literal; the bench only quotes ids and tokens, escaped anyway. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String authenticate(String token) {
        return "{\"event\":\"authenticate\",\"data\":{\"token\":" + quote(token) + "}}";
    }

    static String join(String room) {
        return "{\"event\":\"join\",\"data\":{\"rooms\":[" + quote(room) + "]}}";
    }

    static String request(String id, String method, String dataJson) {
        return "{\"event\":\"request\",\"id\":" + quote(id) + ",\"method\":" + quote(method) + ",\"data\":" + dataJson + "}";
    }
}
