package dev.switchboard.core.fuzz;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.fuzz.Frames.Kind;
import dev.switchboard.core.fuzz.Frames.Poison;
import dev.switchboard.core.fuzz.Frames.Spec;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The README's protocol as a model of one connection: for each frame, the answers the server must
 * send, in order, given the connection's state (what the test hub does: the test authenticator,
 * every room allowed, custom events echoed as {@code echo}, a method {@code echo:data} returning its
 * payload). Written from the documentation, not from the code. Confined to the test's thread.
 */
final class Oracle {

    enum State { UNAUTHORIZED, AUTHENTICATED, CLOSED }

    /** One expected server frame. */
    record Expect(String description, Predicate<JsonObject> test) {
        @Override
        public String toString() {
            return description;
        }
    }

    private State state = State.UNAUTHORIZED;
    private final Set<String> rooms = new LinkedHashSet<>();

    State state() {
        return state;
    }

    /** The answers to {@code spec}; updates the state (authenticated, rooms, closed with 4003). */
    List<Expect> answer(Spec spec) {
        String id = spec.idText();
        if (spec.poison() == Poison.DEEP || spec.poison() == Poison.LONG_NUMBER) {
            // the frame cannot be read, but its id can: the reader skips over the data to find it
            return List.of(error(ErrorCodes.INVALID_MESSAGE_FORMAT, id));
        }
        if (spec.id().kind() == Kind.WRONG) {
            return List.of(error(ErrorCodes.INVALID_MESSAGE_FORMAT, null));
        }
        if (spec.event().kind() != Kind.OK || spec.poison() == Poison.LONE_SURROGATE
                || spec.method().kind() == Kind.WRONG || spec.error().kind() == Kind.WRONG) {
            return List.of(error(ErrorCodes.INVALID_MESSAGE_FORMAT, id));
        }
        JsonValue data = parse(spec.data().json());
        String event = spec.eventName();
        if (event.equals("heartbeat")) {
            return List.of();
        }
        if (event.equals("authenticate") || event.equals("resume")) {
            if (state == State.AUTHENTICATED) {
                return List.of(error(ErrorCodes.ALREADY_AUTHENTICATED, id));
            }
            return event.equals("authenticate") ? authenticate(spec) : resume(data, id);
        }
        if (state != State.AUTHENTICATED) {
            return List.of(error(ErrorCodes.NOT_AUTHENTICATED, id));
        }
        return switch (event) {
            case "join" -> join(data, id);
            case "leave" -> leave(data, id);
            case "request" -> request(spec, data, id);
            case "cancel", "response" -> id == null ? List.of(error(ErrorCodes.INVALID_MESSAGE_FORMAT, null)) : List.of();
            default -> List.of(new Expect("echo " + data, frame -> "echo".equals(frame.getString("event"))
                    && Json2.equal(data, orNull(frame.get("data")))));
        };
    }

    private List<Expect> authenticate(Spec spec) {
        if ("good".equals(spec.data().text())) {
            state = State.AUTHENTICATED;
            return List.of(new Expect("connected", frame -> "connected".equals(frame.getString("event"))));
        }
        state = State.CLOSED;
        return List.of(error(ErrorCodes.AUTHENTICATION_FAILED, null));
    }

    private static List<Expect> resume(JsonValue data, String id) {
        boolean wellFormed = data instanceof JsonObject object && object.get("token") instanceof JsonString
                && object.get("lastSeq") instanceof JsonNumber seq && seq.isIntegral() && fitsLong(seq)
                && seq.longValue() >= 0;
        if (!wellFormed) {
            return List.of(error(ErrorCodes.INVALID_MESSAGE_FORMAT, id));
        }
        return List.of(new Expect("resumed INVALID_TOKEN", frame -> "resumed".equals(frame.getString("event"))
                && !frame.getJsonObject("data").getBoolean("recovered")
                && "INVALID_TOKEN".equals(frame.getJsonObject("data").getString("reason"))));
    }

    private List<Expect> join(JsonValue data, String id) {
        List<String> requested = roomList(data);
        if (requested == null) {
            return List.of(error(ErrorCodes.INVALID_MESSAGE_FORMAT, id));
        }
        Set<String> joined = new LinkedHashSet<>();
        List<String> rejected = new ArrayList<>();
        for (String name : requested) {
            boolean wellFormed = !name.isEmpty() && name.length() <= 256 && !name.startsWith("sb:")
                    && name.chars().noneMatch(Character::isISOControl);
            if (wellFormed) {
                joined.add(name);
            } else {
                rejected.add(name);
            }
        }
        rooms.addAll(joined);
        return List.of(rooms("joined", id, List.copyOf(joined), rejected));
    }

    private List<Expect> leave(JsonValue data, String id) {
        List<String> requested = roomList(data);
        if (requested == null) {
            return List.of(error(ErrorCodes.INVALID_MESSAGE_FORMAT, id));
        }
        List<String> left = new LinkedHashSet<>(requested).stream().filter(rooms::remove).toList();
        return List.of(rooms("left", id, left, List.of()));
    }

    private static List<Expect> request(Spec spec, JsonValue data, String id) {
        if (id == null) {
            return List.of(error(ErrorCodes.INVALID_MESSAGE_FORMAT, null));
        }
        String method = spec.method().kind() == Kind.OK ? spec.method().text() : null;
        if (method == null || method.isEmpty()) {
            return List.of(failedResponse(id, ErrorCodes.INVALID_MESSAGE_FORMAT));
        }
        if (!method.equals("echo:data")) {
            return List.of(failedResponse(id, ErrorCodes.METHOD_NOT_FOUND));
        }
        if (data == null) {
            return List.of(); // the method returned null: it answers later (never, here)
        }
        return List.of(new Expect("response " + id + " " + data, frame -> "response".equals(frame.getString("event"))
                && id.equals(Json2.text(frame.get("id"))) && !frame.containsKey("error")
                && Json2.equal(data, orNull(frame.get("data")))));
    }

    static Expect error(String code, String id) {
        return new Expect("error " + code + " id=" + id, frame -> "error".equals(frame.getString("event"))
                && code.equals(frame.getJsonObject("data").getString("code"))
                && Objects.equals(id, Json2.text(frame.get("id"))));
    }

    static Expect failedResponse(String id, String code) {
        return new Expect("response " + id + " error " + code, frame -> "response".equals(frame.getString("event"))
                && id.equals(Json2.text(frame.get("id")))
                && code.equals(frame.getJsonObject("error").getString("code")));
    }

    private static Expect rooms(String event, String id, List<String> names, List<String> rejected) {
        return new Expect(event + " " + names + " rejected " + rejected + " id=" + id, frame ->
                event.equals(frame.getString("event")) && Objects.equals(id, Json2.text(frame.get("id")))
                        && names.equals(strings(frame.getJsonObject("data").get("rooms")))
                        && rejected.equals(strings(frame.getJsonObject("data").get("rejected"))));
    }

    /** The {@code rooms} of {@code {"rooms":[strings]}}, or null when the data has another shape. */
    private static List<String> roomList(JsonValue data) {
        if (data instanceof JsonObject object && object.get("rooms") instanceof JsonArray array
                && array.stream().allMatch(JsonString.class::isInstance)) {
            return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
        return null;
    }

    private static List<String> strings(JsonValue value) {
        return value instanceof JsonArray array
                ? array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList() : List.of();
    }

    private static boolean fitsLong(JsonNumber number) {
        try {
            number.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    static JsonValue parse(String json) {
        if (json == null) {
            return null;
        }
        return orNull(Json.createReader(new StringReader(json)).readValue());
    }

    private static JsonValue orNull(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    /** JSON equality with numbers compared by value ({@code 1e2} equals {@code 100}). */
    static final class Json2 {
        private Json2() {
        }

        static boolean equal(JsonValue a, JsonValue b) {
            if (a == null || b == null) {
                return a == b;
            }
            if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
                return x.bigDecimalValue().compareTo(y.bigDecimalValue()) == 0;
            }
            if (a instanceof JsonArray x && b instanceof JsonArray y) {
                if (x.size() != y.size()) {
                    return false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!equal(orNull(x.get(i)), orNull(y.get(i)))) {
                        return false;
                    }
                }
                return true;
            }
            if (a instanceof JsonObject x && b instanceof JsonObject y) {
                if (!x.keySet().equals(y.keySet())) {
                    return false;
                }
                for (Map.Entry<String, JsonValue> member : x.entrySet()) {
                    if (!equal(orNull(member.getValue()), orNull(y.get(member.getKey())))) {
                        return false;
                    }
                }
                return true;
            }
            return a.equals(b);
        }

        /** An id as text: a string's content or a number's digits; null when absent. */
        static String text(JsonValue id) {
            if (id == null || id.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            return id instanceof JsonString s ? s.getString() : id.toString();
        }
    }
}
