package dev.switchboard.core.internal.codec;

/**
 * Client data that JSON-B cannot decode into the type asked for (wrong JSON types, numbers out of
 * range, limits). An {@link IllegalArgumentException}, so callers that expect one keep working; the
 * inbound router answers it with {@code INVALID_MESSAGE_FORMAT} when it escapes a handler.
 */
public final class DataMismatchException extends IllegalArgumentException {

    public DataMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
