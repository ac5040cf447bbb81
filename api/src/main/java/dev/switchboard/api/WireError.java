package dev.switchboard.api;

/**
 * The {@code {code, message}} object of an {@code error} event or a failed RPC response.
 *
 * @param code    a stable machine-readable code, see {@link ErrorCodes} (apps may add their own)
 * @param message a human-readable explanation; never a stack trace
 */
public record WireError(String code, String message) {
}
