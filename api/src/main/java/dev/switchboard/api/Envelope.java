package dev.switchboard.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One JSON text frame of the wire protocol, in either direction.
 *
 * <p>Only {@code event} is required; absent fields are {@code null} and are not written.
 * Unknown fields of inbound frames are ignored.
 *
 * @param event  the event name ({@code authenticate}, {@code join}, {@code connected}, an app event, ...)
 * @param data   the payload: any JSON value
 * @param id     request id (RPC)
 * @param method RPC method name
 * @param error  error of a failed RPC response
 * @param seq    per-session sequence number of a replayable server-to-client message
 */
@JsonbPropertyOrder({"event", "id", "method", "seq", "data", "error"})
public record Envelope(String event, Object data, String id, String method, WireError error, Long seq) {

    /** An envelope carrying only an event and its data. */
    public static Envelope of(String event, Object data) {
        return new Envelope(event, data, null, null, null, null);
    }
}
