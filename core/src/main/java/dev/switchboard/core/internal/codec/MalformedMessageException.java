package dev.switchboard.core.internal.codec;

/**
 * An inbound frame that is not a well-formed protocol envelope; the message is safe to show the
 * client. Carries the frame's request id when one could be read, to echo on the error.
 */
public final class MalformedMessageException extends Exception {

    private final String id;

    public MalformedMessageException(String message) {
        this(message, null);
    }

    public MalformedMessageException(String message, String id) {
        super(message, null, false, false);
        this.id = id;
    }

    /** The offending frame's request id, or {@code null} when it had none or it could not be read. */
    public String id() {
        return id;
    }
}
