package dev.switchboard.core.endpoint;

import dev.switchboard.core.internal.connection.SocketHandler;

/**
 * Joins the parts of a fragmented text message for the endpoints' partial-message handlers.
 *
 * <p>Both endpoints take text as partial messages because a whole-message handler costs Tyrus a
 * decoder lookup and an ordered copy of the session's handlers on every frame; a message that
 * arrives in one part (nearly all) goes straight to the socket's handler and this class is never
 * made. A fragmented one is joined here, kept to {@code maxBytes + 1} characters: a longer message
 * is over the byte limit for certain, and the router closes it with 1009 without the rest ever
 * being held. Owned by one endpoint instance, which the container calls one thread at a time (not
 * always the same one: the endpoint keeps it in a volatile field, as it does the socket's handler).
 */
final class TextParts {

    private final StringBuilder text = new StringBuilder();
    private final int maxChars;

    private TextParts(int maxBytes) {
        this.maxChars = maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1;
    }

    /**
     * Passes {@code part} on: a whole message at once, a fragment into {@code pending} (created
     * here for a message's first part).
     *
     * @param pending  the message being joined, or {@code null} between messages
     * @param maxBytes the hub's message limit
     * @return what the endpoint keeps for its next part: {@code null} once a message is complete
     */
    static TextParts receive(TextParts pending, String part, boolean last, SocketHandler socket, int maxBytes) {
        if (pending == null && last) {
            socket.onText(part);
            return null;
        }
        TextParts joining = pending != null ? pending : new TextParts(maxBytes);
        joining.append(part);
        if (!last) {
            return joining;
        }
        socket.onText(joining.text.toString());
        return null;
    }

    private void append(String part) {
        int room = maxChars - text.length();
        if (room > 0) {
            text.append(part, 0, Math.min(room, part.length()));
        }
    }
}
