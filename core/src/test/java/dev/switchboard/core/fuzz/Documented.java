package dev.switchboard.core.fuzz;

import jakarta.json.JsonObject;

import java.util.Set;

/**
 * What the README's tables document, copied from them by hand: the server → client events, the
 * error codes, the resume refusal reasons and the close codes. Anything else a fuzzed client sees
 * breaks the contract. Immutable.
 */
final class Documented {

    /** The README's server → client table, plus {@code echo}, the test application's own event. */
    static final Set<String> EVENTS = Set.of("connected", "resumed", "token", "joined", "left", "error", "response",
            "notification", "request", "cancel", "echo");

    static final Set<String> ERRORS = Set.of("INVALID_MESSAGE_FORMAT", "NOT_AUTHENTICATED", "ALREADY_AUTHENTICATED",
            "AUTHENTICATION_FAILED", "UNSUPPORTED_FRAME", "UNKNOWN_EVENT", "INTERNAL_ERROR", "METHOD_NOT_FOUND",
            "REQUEST_TIMEOUT", "REQUEST_CANCELLED", "TOO_MANY_REQUESTS", "DISCONNECTED");

    static final Set<String> RESUME_REASONS = Set.of("RESUME_DISABLED", "INVALID_TOKEN", "MESSAGES_LOST",
            "STATE_REJECTED", "SESSION_UNAVAILABLE");

    /** The close-code table; 1006 is what a client sees when the TCP connection drops without a close frame. */
    static final Set<Integer> CLOSE_CODES = Set.of(1000, 1001, 1006, 1007, 1008, 1009, 1011, 1013,
            4001, 4002, 4003, 4004, 4005, 4006, 4007);

    private Documented() {
    }

    /** Why {@code frame} is not documented, or {@code null} when it is. */
    static String violation(JsonObject frame) {
        String event = frame.getString("event", null);
        if (!EVENTS.contains(event)) {
            return "undocumented event " + event;
        }
        if (event.equals("error") && !ERRORS.contains(code(frame.get("data")))) {
            return "undocumented error code in " + frame;
        }
        if (event.equals("response") && frame.containsKey("error") && !ERRORS.contains(code(frame.get("error")))) {
            return "undocumented response error in " + frame;
        }
        if (event.equals("resumed") && frame.get("data") instanceof JsonObject data && !data.getBoolean("recovered")
                && !RESUME_REASONS.contains(data.getString("reason", null))) {
            return "undocumented resume refusal in " + frame;
        }
        if (frame.toString().contains("Exception") || frame.toString().contains("\tat ")) {
            return "internals leaked in " + frame;
        }
        return null;
    }

    private static String code(Object value) {
        return value instanceof JsonObject object ? object.getString("code", null) : null;
    }
}
