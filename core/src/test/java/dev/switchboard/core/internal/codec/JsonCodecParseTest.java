package dev.switchboard.core.internal.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one-pass envelope read: the same answers a parsed object gave, member by member. */
class JsonCodecParseTest {

    private final JsonCodec codec = new JsonCodec();

    private MalformedMessageException refused(String text) {
        return assertThrows(MalformedMessageException.class, () -> codec.parse(text));
    }

    @Test
    void theEnvelopesMembersComeOutTyped() throws MalformedMessageException {
        Inbound message = codec.parse("{\"x\":[1,{\"y\":2}],\"event\":\"request\",\"id\":42,\"method\":\"m\","
                + "\"data\":{\"n\":1},\"z\":\"q\"}");
        assertEquals("request", message.event());
        assertEquals("42", message.id());
        assertEquals("m", message.method());
        assertEquals("{\"n\":1}", message.rawData());
        Inbound bare = codec.parse("{\"event\":\"e\",\"id\":null,\"method\":null,\"data\":null,\"error\":null}");
        assertNull(bare.id());
        assertNull(bare.method());
        assertNull(bare.json());
        assertNull(bare.error());
        assertEquals("c", codec.parse("{\"event\":\"e\",\"error\":{\"code\":\"c\"}}").error().code());
    }

    @Test
    void aMemberGivenTwiceCountsTheLastTime() throws MalformedMessageException {
        Inbound message = codec.parse("{\"event\":5,\"id\":\"a\",\"event\":\"e\",\"id\":\"b\",\"data\":1,\"data\":2}");
        assertEquals("e", message.event());
        assertEquals("b", message.id());
        assertEquals("2", message.rawData());
    }

    @Test
    void syntaxErrorsAnywhereAreInvalidJsonWithTheLeadingId() {
        MalformedMessageException truncated = refused("{\"id\":\"t1\",\"event\":\"e\"");
        assertEquals("Frame is not valid JSON", truncated.getMessage());
        assertEquals("t1", truncated.id());
        assertEquals("Frame is not valid JSON", refused("{\"id\":\"t2\",\"event\":\"e\",\"other\":{\"a\" 1}}").getMessage());
        assertEquals("Frame is not valid JSON", refused("[1,").getMessage());
        assertEquals("Frame is not valid JSON", refused("").getMessage());
        assertEquals("Frame must be a JSON object", refused("[1,2]").getMessage());
        assertEquals("Frame must be a JSON object", refused("\"text\"").getMessage());
    }

    @Test
    void limitsCountInMembersTheEnvelopeDoesNotRead() throws MalformedMessageException {
        // the envelope is one level: a member may nest MAX_DEPTH - 1 more, not MAX_DEPTH
        String deepest = "[".repeat(FrameReader.MAX_DEPTH - 1) + "]".repeat(FrameReader.MAX_DEPTH - 1);
        assertEquals("e", codec.parse("{\"event\":\"e\",\"other\":" + deepest + "}").event());
        MalformedMessageException tooDeep = refused("{\"id\":\"d1\",\"event\":\"e\",\"other\":[" + deepest + "]}");
        assertEquals("d1", tooDeep.id());
        assertEquals("Frame is not valid JSON or exceeds the parser's limits (nesting depth, number length)",
                tooDeep.getMessage());
    }

    @Test
    void wrongTypesAreNamedInOrderIdFirst() {
        MalformedMessageException badId = refused("{\"event\":5,\"id\":1.5}");
        assertEquals("Field 'id' must be a non-empty string or an integer", badId.getMessage());
        assertEquals("Field 'id' must be a non-empty string or an integer", refused("{\"event\":\"e\",\"id\":\"\"}").getMessage());
        assertEquals("Field 'id' must be a non-empty string or an integer", refused("{\"event\":\"e\",\"id\":[1]}").getMessage());
        MalformedMessageException noEvent = refused("{\"id\":\"i1\",\"event\":{\"a\":1}}");
        assertEquals("Field 'event' must be a non-empty string", noEvent.getMessage());
        assertEquals("i1", noEvent.id());
        assertEquals("Field 'event' must be a non-empty string", refused("{\"event\":\"\"}").getMessage());
        assertEquals("Field 'method' must be a string", refused("{\"event\":\"e\",\"method\":[\"m\"]}").getMessage());
        assertEquals("Field 'error' must be {\"code\": string, \"message\": string}",
                refused("{\"event\":\"e\",\"error\":\"boom\"}").getMessage());
    }

    @Test
    void aLoneSurrogateInAMemberTheEnvelopeDoesNotReadIsRefusedToo() {
        String message = "Strings must be valid Unicode (no unpaired surrogate escapes)";
        assertEquals(message, refused("{\"event\":\"e\",\"other\":\"\\ud800\"}").getMessage());
        assertEquals(message, refused("{\"event\":\"e\",\"\\udc00\":1}").getMessage());
        assertEquals(message, refused("{\"event\":\"e\",\"other\":[{\"k\":\"\\ud800\"}]}").getMessage());
        assertEquals(message, refused("{\"event\":\"e\\ud800\"}").getMessage());
        assertEquals(message, refused("{\"event\":\"e\",\"method\":\"\\udc00\"}").getMessage());
    }

    @Test
    void dataKeepsTheTextTheClientSent() throws MalformedMessageException {
        for (String data : new String[]{"{\"n\" : [1, {\"m\":\"\\u0041\\/\"}]}", "[ ]", "\"s\\\"q\"", "-12.5e3", "0", "true",
                "false"}) {
            Inbound message = codec.parse("{\"event\":\"e\",\"data\" :\n " + data + " \t,\"id\":\"1\"}");
            assertEquals(data, message.text(), data);
            assertEquals(data, message.rawData());
        }
        assertNull(codec.parse("{\"event\":\"e\",\"data\":null}").text());
        assertNull(codec.parse("{\"event\":\"e\"}").rawData());
        String padding = "p".repeat(3 * ThreadBuffers.CHARS);
        String data = "{\"long\":\"" + "x".repeat(2 * ThreadBuffers.CHARS) + "\",\"n\":7}";
        Inbound message = codec.parse("{\"pad\":\"" + padding + "\",\"event\":\"e\",\"data\":" + data + "}");
        assertEquals(data, message.text(), "offsets hold past the parser's first buffer");
        java.util.Map<?, ?> decoded = message.data(java.util.Map.class);
        assertEquals(7, ((Number) decoded.get("n")).intValue(), "typed data decoded from that text");
    }

    @Test
    void aSliceThatIsNotTheValueIsNotUsed() {
        String text = "{\"data\":{\"a\":1}}";
        assertEquals("{\"a\":1}", FrameReader.slice(text, 7, 15, jakarta.json.stream.JsonParser.Event.START_OBJECT));
        assertNull(FrameReader.slice(text, -1, 15, jakarta.json.stream.JsonParser.Event.START_OBJECT), "no offsets");
        assertNull(FrameReader.slice(text, 7, 14, jakarta.json.stream.JsonParser.Event.START_OBJECT), "cut short");
        assertNull(FrameReader.slice(text, 7, 15, jakarta.json.stream.JsonParser.Event.START_ARRAY), "another type");
        assertNull(FrameReader.slice(text, 7, 99, jakarta.json.stream.JsonParser.Event.START_OBJECT), "past the end");
    }
}
