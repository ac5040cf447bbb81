package dev.switchboard.core.internal.codec;

/** An inbound frame that is not a well-formed protocol envelope; the message is safe to show the client. */
public final class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message, null, false, false);
    }
}
