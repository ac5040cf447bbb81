package dev.switchboard.core.fuzz;

import jakarta.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * jqwik generators of client frames as {@link Spec}s: every envelope field absent, of the documented
 * type, or of a wrong JSON type; data fitting or not fitting the event; huge numbers, deep nesting
 * and unicode edge cases. A spec renders to the frame's text and tells the {@link Oracle} what it
 * means. Stateless but for a counter that keeps request ids unique.
 */
final class Frames {

    /** How a field's value relates to the protocol. */
    enum Kind { ABSENT, NULL, OK, WRONG }

    /** What spoils an otherwise readable frame's data: parser limits, or an unpaired surrogate escape. */
    enum Poison { NONE, DEEP, LONG_NUMBER, LONE_SURROGATE }

    /** One field: its JSON text ({@code null} when absent) and its kind; {@code text} is an OK id's echoed form. */
    record Value(String json, Kind kind, String text) {
        static final Value ABSENT = new Value(null, Kind.ABSENT, null);

        static Value ok(String json) {
            return new Value(json, Kind.OK, null);
        }

        static Value wrong(String json) {
            return new Value(json, Kind.WRONG, null);
        }
    }

    /** A frame: its fields (the order they are written in), and a poison applied to its data. */
    record Spec(Value event, Value id, Value method, Value error, Value data, Poison poison,
                List<String> order) {

        String render() {
            StringBuilder out = new StringBuilder("{");
            for (String field : order) {
                Value value = field(field);
                if (value.json() == null) {
                    continue;
                }
                String json = field.equals("data") ? poisoned(value.json()) : value.json();
                out.append(out.length() > 1 ? "," : "").append('"').append(field).append("\":").append(json);
            }
            return out.append('}').toString();
        }

        Value field(String name) {
            return switch (name) {
                case "event" -> event;
                case "id" -> id;
                case "method" -> method;
                case "error" -> error;
                default -> data;
            };
        }

        private String poisoned(String json) {
            return switch (poison) {
                case NONE -> json;
                case DEEP -> "[".repeat(200) + json + "]".repeat(200);
                case LONG_NUMBER -> "[" + json + "," + "7".repeat(2000) + "]";
                case LONE_SURROGATE -> "[" + json + ",\"a\\ud83d\"]";
            };
        }

        /** The echoed id of an OK id, else {@code null}. */
        String eventName() {
            return event.kind() == Kind.OK ? event.text() : null;
        }

        String idText() {
            return id.kind() == Kind.OK ? id.text() : null;
        }

        @Override
        public String toString() {
            return render().length() > 300 ? render().substring(0, 300) + "…" : render();
        }
    }

    static final List<String> PROTOCOL_EVENTS =
            List.of("heartbeat", "authenticate", "resume", "request", "cancel", "response", "join", "leave");
    static final List<String> GOOD_ROOMS = List.of("lobby", "a", "b-1", "ünï", "😀room", "e\u0301");
    static final List<String> BAD_ROOMS = List.of("", "sb:x", "\u0001x", "x".repeat(257));
    static final List<String> GOOD_USERS = List.of("u1", "ünï", "😀");
    private static final AtomicLong IDS = new AtomicLong();

    private Frames() {
    }

    static String quote(String text) {
        return Json.createValue(text).toString();
    }

    /** Strings with unicode edge cases: controls, BOM, line separators, noncharacters, pairs, RTL, combining. */
    static Arbitrary<String> edgyStrings() {
        Arbitrary<String> pieces = Arbitraries.of("\u0000", "\u001f", "\u007f", "é", "\u2028", "\u2029", "\ufeff",
                "\uffff", "\ud83d\ude00", "\\", "\"", "/", "e\u0301", "\u202e", "日本", "<script>", " ");
        return Arbitraries.oneOf(pieces, Arbitraries.strings().alpha().ofMaxLength(6))
                .list().ofMaxSize(5).map(parts -> String.join("", parts));
    }

    /** Any JSON value within the limits, as text: scalars with edge cases, and small arrays and objects. */
    static Arbitrary<String> json() {
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-0", "1e2", "1.5", "-1E-7", "1e300", "1e999999999",
                        "9".repeat(1000), "123456789012345678901234567890", "-9223372036854775809"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "0"),
                edgyStrings().map(Frames::quote));
        return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]"),
                Combinators.combine(edgyStrings().filter(k -> !k.equals("user")), inner).as((k, v) -> quote(k) + ":" + v)
                        .list().ofMaxSize(4).map(members -> "{" + String.join(",", members) + "}")), 0, 4);
    }

    static Arbitrary<Value> events() {
        return Arbitraries.oneOf(
                Arbitraries.of(Value.ABSENT, new Value("null", Kind.NULL, null), Value.wrong("\"\""),
                        Value.wrong("1"), Value.wrong("[]"), Value.wrong("{\"a\":1}"), Value.wrong("true")),
                Arbitraries.of(PROTOCOL_EVENTS).map(name -> new Value(quote(name), Kind.OK, name)),
                Arbitraries.of(PROTOCOL_EVENTS).map(name -> new Value(quote(name), Kind.OK, name)),
                Arbitraries.of("chat", "echo", "x.y:z", "ünï", "😀", "connected", "error", "sb:own")
                        .map(name -> new Value(quote(name), Kind.OK, name)));
    }

    static Arbitrary<Value> ids() {
        Arbitrary<Value> okString = Arbitraries.just(0).map(x -> {
            String id = "i" + IDS.incrementAndGet();
            return new Value(quote(id), Kind.OK, id);
        });
        Arbitrary<Value> okNumber = Arbitraries.just(0).map(x -> {
            String id = String.valueOf(1_000_000_000_000L + IDS.incrementAndGet());
            return new Value(id, Kind.OK, id);
        });
        return Arbitraries.oneOf(Arbitraries.just(Value.ABSENT), Arbitraries.just(new Value("null", Kind.NULL, null)),
                okString, okString, okNumber,
                Arbitraries.of("\"\"", "{}", "[]", "true", "1.5", "1e2", "12345678901234567890", "1e999999999")
                        .map(Value::wrong));
    }

    static Arbitrary<Value> methods() {
        return Arbitraries.oneOf(Arbitraries.just(Value.ABSENT), Arbitraries.just(new Value("null", Kind.NULL, null)),
                Arbitraries.of("echo:data", "echo:data", "none:none", "").map(m -> new Value(quote(m), Kind.OK, m)),
                Arbitraries.of("1", "[]", "{}", "true").map(Value::wrong));
    }

    static Arbitrary<Value> errors() {
        return Arbitraries.oneOf(Arbitraries.just(Value.ABSENT), Arbitraries.just(Value.ABSENT),
                Arbitraries.of("{\"code\":\"X\",\"message\":\"m\"}", "{\"code\":\"X\"}").map(Value::ok),
                Arbitraries.of("\"bad\"", "{\"code\":\"\"}", "{\"code\":1}", "[]", "{\"code\":\"X\",\"message\":1}")
                        .map(Value::wrong));
    }

    /** Data for any event: random JSON, and shapes that fit or break authenticate, resume, join and leave. */
    static Arbitrary<Value> data() {
        Arbitrary<String> rooms = Arbitraries.oneOf(Arbitraries.of(GOOD_ROOMS), Arbitraries.of(BAD_ROOMS))
                .list().ofMaxSize(5).map(names -> "{\"rooms\":[" + String.join(",", names.stream().map(Frames::quote)
                        .toList()) + "]}");
        Arbitrary<String> badRooms = Arbitraries.of("\"lobby\"", "{\"rooms\":\"lobby\"}", "{\"rooms\":[1]}",
                "{\"rooms\":[null]}", "{\"rooms\":{}}", "{}");
        Arbitrary<Value> goodCredentials = Arbitraries.of(GOOD_USERS)
                .map(u -> "{\"user\":" + quote(u) + (u.equals("u1") ? ",\"role\":\"admin\",\"x\":[1,{}]}" : "}"))
                .map(json -> new Value(json, Kind.OK, "good"));
        Arbitrary<String> badCredentials = Arbitraries.of("\"alice\"", "{}", "{\"user\":null}", "{\"user\":\"reject\"}",
                "{\"user\":[]}", "{\"user\":{}}", "[]");
        Arbitrary<String> resumes = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("t", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSJ9.", ""),
                        Arbitraries.of("0", "5", "1e2")).as((t, seq) -> "{\"token\":" + quote(t) + ",\"lastSeq\":" + seq + "}"),
                Arbitraries.of("\"token\"", "{\"token\":1,\"lastSeq\":0}", "{\"token\":\"t\",\"lastSeq\":\"0\"}",
                        "{\"token\":\"t\",\"lastSeq\":-1}", "{\"token\":\"t\",\"lastSeq\":0.5}",
                        "{\"token\":\"t\",\"lastSeq\":1e999999999}", "{\"token\":\"t\"}"));
        return Arbitraries.oneOf(Arbitraries.just(Value.ABSENT), Arbitraries.just(new Value("null", Kind.NULL, null)),
                json().map(Value::ok), rooms.map(Value::ok), badRooms.map(Value::ok), goodCredentials,
                goodCredentials, badCredentials.map(Value::ok), resumes.map(Value::ok));
    }

    static Arbitrary<Spec> specs() {
        Arbitrary<Poison> poison = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(12, Poison.NONE), net.jqwik.api.Tuple.of(1, Poison.DEEP),
                net.jqwik.api.Tuple.of(1, Poison.LONG_NUMBER), net.jqwik.api.Tuple.of(1, Poison.LONE_SURROGATE));
        return Combinators.combine(events(), ids(), methods(), errors(), data(), poison,
                        Arbitraries.shuffle("event", "id", "method", "error", "data"))
                .as((event, id, method, error, data, spoil, order) -> new Spec(event, id, method, error,
                        data, data.json() == null ? Poison.NONE : spoil, new ArrayList<>(order)));
    }
}
