package dev.switchboard.api;

import java.lang.reflect.Type;

/** A custom event from an authenticated client, with its data still in JSON form. */
public interface Message {

    String event();

    /** The request id the client sent with the event, or {@code null}. */
    String id();

    /** The data as JSON text, or {@code null} when the frame had none. */
    String rawData();

    /**
     * The data decoded with JSON-B.
     *
     * @throws IllegalArgumentException when the data does not fit the type
     */
    <T> T data(Class<T> type);

    /** As {@link #data(Class)}, for generic types. */
    <T> T data(Type type);
}
