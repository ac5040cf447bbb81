package dev.switchboard.core.internal.codec;

import jakarta.json.JsonValue;

/**
 * The top-level members of a client frame that make its envelope, as {@link FrameReader} read them
 * in one pass, before {@link JsonCodec#parse} checks their types. Strings come straight from the
 * parser; only {@code error} and {@code data} are JSON values. A member present twice counts once,
 * the last time (as in a parsed JSON object). Immutable.
 *
 * @param event             the {@code event} when it is a string, else {@code null} (absent or another type)
 * @param id                the {@code id}'s text when it is a string or a number, else {@code null}
 * @param idKind            what the id was: {@link Kind#ABSENT} (missing or {@code null}), a string, a number, other
 * @param method            the {@code method} when it is a string, else {@code null}
 * @param methodNotString   {@code method} is present, not {@code null} and not a string
 * @param error             the {@code error} value, or {@code null} when absent or {@code null}
 * @param data              the {@code data} value, or {@code null} when absent or {@code null}
 * @param dataText          {@code data} as the frame has it, or {@code null} when absent or not known
 * @param unpairedSurrogate a key or string (the id aside) holds an unpaired surrogate
 */
record FrameMembers(String event, String id, Kind idKind, String method, boolean methodNotString, JsonValue error,
                    JsonValue data, String dataText, boolean unpairedSurrogate) {

    /** The JSON type of a member, as far as the envelope cares. */
    enum Kind { ABSENT, STRING, NUMBER, OTHER }
}
