package dev.switchboard.core.fuzz;

import java.util.function.UnaryOperator;

/**
 * One way to spoil a session token (a JWS {@code header.payload.signature}) so that what it says or
 * its signature changes: a character changed inside a segment, a truncation, an {@code alg: none}
 * header, a missing signature, reordered segments, extra characters, case changed. Immutable.
 */
record Mangle(String name, UnaryOperator<String> operation) {

    static final Mangle SWAP_HEADER_ALG_NONE = new Mangle("alg none", token ->
            "eyJhbGciOiJub25lIn0." + token.split("\\.")[1] + ".");
    static final Mangle DROP_SIGNATURE = new Mangle("no signature", token ->
            token.substring(0, token.lastIndexOf('.')));
    static final Mangle APPEND = new Mangle("appended", token -> token + "x");
    static final Mangle REORDER = new Mangle("reordered", token -> {
        String[] parts = token.split("\\.");
        return parts[1] + "." + parts[0] + "." + parts[2];
    });
    static final Mangle UPPER = new Mangle("upper case", String::toUpperCase);

    /** Changes the middle character of segment {@code segment} (never a segment's last, whose low bits may not count). */
    static Mangle flip(int segment) {
        return new Mangle("flip in segment " + segment, token -> {
            String[] parts = token.split("\\.");
            String part = parts[segment];
            int at = part.length() / 2;
            char replacement = part.charAt(at) == 'A' ? 'B' : 'A';
            parts[segment] = part.substring(0, at) + replacement + part.substring(at + 1);
            return String.join(".", parts);
        });
    }

    static Mangle truncate(int characters) {
        return new Mangle("truncated by " + characters, token -> token.substring(0, token.length() - characters));
    }

    String apply(String token) {
        return operation.apply(token);
    }

    @Override
    public String toString() {
        return name;
    }
}
