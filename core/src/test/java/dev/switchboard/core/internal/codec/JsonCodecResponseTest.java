package dev.switchboard.core.internal.codec;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbConfig;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@link JsonCodec#response}: the very frame the envelope encoding gives, without the envelope's JSON-B pass. */
public class JsonCodecResponseTest {

    public record Point(int x, String label) {
    }

    @Test
    void theSplicedResponseIsTheEnvelopesEncodingCharForChar() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("list", List.of("x", "y"));
        List<Object> results = new java.util.ArrayList<>(List.of(
                Json.createObjectBuilder().add("n", 7).add("s", "caf\u00e9 \"q\" \\ \n").build(),
                Json.createArrayBuilder().add(1).add(JsonValue.NULL).build(),
                Json.createValue("text"), JsonValue.TRUE, JsonValue.NULL,
                "plain \"string\"", 42, map, new Point(3, "p")));
        results.add(null);
        try (JsonCodec codec = new JsonCodec()) {
            for (String id : List.of("1", "r-7", "odd \"id\" \\ \u2028")) {
                for (Object result : results) {
                    assertEquals(codec.frame(Envelopes.response(id, result)).text(), codec.response(id, result).text(),
                            "id " + id + ", result " + result);
                }
            }
        }
    }

    @Test
    void aPrettyPrintingConfigStillGivesOneLine() throws Exception {
        try (JsonCodec codec = new JsonCodec(new JsonbConfig().withFormatting(true))) {
            String frame = codec.response("1", Map.of("a", List.of(1, 2))).text();
            assertFalse(frame.contains("\n"), frame);
            assertEquals(Json.createReader(new java.io.StringReader("{\"event\":\"response\",\"id\":\"1\",\"data\":{\"a\":[1,2]}}")).readObject(),
                    Json.createReader(new java.io.StringReader(frame)).readObject());
        }
    }

    @Test
    void anEchoIsWrittenAsTheClientSentItOnOneLine() throws Exception {
        try (JsonCodec codec = new JsonCodec()) {
            Inbound request = codec.parse("{\"event\":\"request\",\"id\":\"7\",\"data\":{\n \"a\" : \"\\u0041\"\n}}");
            String frame = codec.response("7", request.json(), request.text()).text();
            assertEquals("{\"event\":\"response\",\"id\":\"7\",\"data\":{  \"a\" : \"\\u0041\" }}", frame);
            assertEquals(codec.response("7", request.json()).text(),
                    codec.frame(Envelopes.response("7", Json.createReader(new java.io.StringReader(frame)).readObject()
                            .getJsonObject("data"))).text(), "the same value as the envelope's encoding");
        }
    }
}
