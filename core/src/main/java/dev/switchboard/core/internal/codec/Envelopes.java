package dev.switchboard.core.internal.codec;

import dev.switchboard.api.Envelope;
import dev.switchboard.api.WireError;

/** The server's protocol frames, built in one place so each has one shape on the wire. */
public final class Envelopes {

    private Envelopes() {
    }

    /** {@code error {data: {code, message}}}, with the offending frame's id if it had one. */
    public static Envelope error(String code, String message, String requestId) {
        return new Envelope("error", new WireError(code, message), requestId, null, null, null);
    }

    public static Envelope response(String requestId, Object data) {
        return new Envelope("response", data, requestId, null, null, null);
    }

    public static Envelope failedResponse(String requestId, String code, String message) {
        return new Envelope("response", null, requestId, null, new WireError(code, message), null);
    }

    public static Envelope notification(String requestId, Object data) {
        return new Envelope("notification", data, requestId, null, null, null);
    }

    public static Envelope request(String requestId, String method, Object data) {
        return new Envelope("request", data, requestId, method, null, null);
    }

    public static Envelope cancel(String requestId) {
        return new Envelope("cancel", null, requestId, null, null, null);
    }
}
