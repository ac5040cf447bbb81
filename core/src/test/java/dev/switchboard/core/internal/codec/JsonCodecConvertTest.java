package dev.switchboard.core.internal.codec;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link JsonCodec#convert}: a value already of the asked JSON-P type is handed over as it is, everything else goes through JSON-B. */
public class JsonCodecConvertTest {

    private static final JsonCodec CODEC = new JsonCodec();

    @AfterAll
    static void close() throws Exception {
        CODEC.close();
    }

    @Test
    void aJsonValueAskedForIsTheParsedValueItself() {
        JsonObject object = Json.createObjectBuilder().add("a", 1).add("b", Json.createArrayBuilder().add("x")).build();
        assertSame(object, CODEC.convert(object, JsonObject.class));
        assertSame(object, CODEC.convert(object, JsonValue.class));
        JsonArray array = Json.createArrayBuilder().add(1).add(2).build();
        assertSame(array, CODEC.convert(array, JsonArray.class));
    }

    @Test
    void aStringComesStraightFromTheJsonString() {
        String text = "caf\u00e9 \"quoted\" \\ \n";
        assertEquals(text, CODEC.convert(Json.createValue(text), String.class));
    }

    @Test
    void objectStillMeansJavaCollections() {
        JsonObject object = Json.createObjectBuilder().add("a", 1).add("list", Json.createArrayBuilder().add("x")).build();
        Map<?, ?> map = assertInstanceOf(Map.class, CODEC.convert(object, Object.class));
        assertEquals(List.of("x"), map.get("list"));
        assertEquals(1, ((Number) map.get("a")).intValue());
    }

    @Test
    void aValueOfAnotherJsonTypeIsAMismatchNotAClassCast() {
        JsonArray array = Json.createArrayBuilder().add(1).build();
        assertThrows(DataMismatchException.class, () -> CODEC.convert(array, JsonObject.class));
        assertThrows(DataMismatchException.class, () -> CODEC.convert(Json.createValue(3), JsonObject.class));
    }

    @Test
    void nullStaysNull() {
        assertNull(CODEC.convert(null, JsonObject.class));
        assertNull(CODEC.convert(null, String.class));
    }

    public record Order(String id, int quantity, java.math.BigDecimal price, List<String> tags, Order parent) {
    }

    @Test
    void aTypedObjectOrArrayDecodesAsFromItsText() {
        JsonObject order = Json.createObjectBuilder().add("id", "o-1").add("quantity", 3).add("price", 12.50)
                .add("tags", Json.createArrayBuilder().add("a").add("é"))
                .add("parent", Json.createObjectBuilder().add("id", "o-0").add("quantity", 1)).build();
        Order fromValue = CODEC.convert(order, Order.class);
        assertEquals(CODEC.<Order>fromJson(order.toString(), Order.class), fromValue);
        assertEquals("o-0", fromValue.parent().id());
        assertEquals(new java.math.BigDecimal("12.5"), fromValue.price());
        JsonArray numbers = Json.createArrayBuilder().add(1).add(2).add(3).build();
        java.lang.reflect.Type listOfInts = new Object() { List<Integer> type; }.getClass().getDeclaredFields()[0].getGenericType();
        assertEquals(List.of(1, 2, 3), CODEC.convert(numbers, listOfInts));
    }

    @Test
    void booleansInAnObjectStayBooleans() {
        JsonObject object = Json.createObjectBuilder().add("deep", Json.createArrayBuilder().add(1)
                .add(Json.createObjectBuilder().add("x", true))).add("precise", false).build();
        Map<?, ?> map = assertInstanceOf(Map.class, CODEC.convert(object, Object.class));
        assertEquals(Boolean.FALSE, map.get("precise"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) ((List<?>) map.get("deep")).get(1)).get("x"));
    }

    @Test
    void aStructureThatDoesNotFitIsAMismatch() {
        JsonObject wrong = Json.createObjectBuilder().add("id", "o-1").add("quantity", "three").build();
        assertThrows(DataMismatchException.class, () -> CODEC.convert(wrong, Order.class));
        assertThrows(DataMismatchException.class, () -> CODEC.convert(Json.createArrayBuilder().add(1).build(), Order.class));
    }
}
