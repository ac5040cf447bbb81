package dev.switchboard.conformance;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.Set;
import java.util.stream.Collectors;

/** Reading the suite's JSON frames. */
final class Frames {

    private Frames() {
    }

    /** A string array field as a set. */
    static Set<String> strings(JsonObject object, String field) {
        return object.getJsonArray(field).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).collect(Collectors.toSet());
    }

    /** The code of a response's error. */
    static String errorCode(JsonObject response) {
        return response.getJsonObject("error").getString("code");
    }
}
