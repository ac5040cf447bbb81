package dev.switchboard.client;

import dev.switchboard.api.RpcException;

/**
 * Why {@link SwitchboardClient#authenticate} failed: the server's error code (usually
 * {@code AUTHENTICATION_FAILED}) and, when the server closed the socket, its close code
 * (4003 rejected, 4001 too late). Immutable.
 */
public final class AuthenticationException extends RpcException {

    private final int closeCode;

    AuthenticationException(String code, String message, int closeCode) {
        super(code, message);
        this.closeCode = closeCode;
    }

    /** The close code the socket ended with, or 0 when the failure came before the close. */
    public int closeCode() {
        return closeCode;
    }
}
