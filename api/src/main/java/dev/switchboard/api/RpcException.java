package dev.switchboard.api;

import java.util.Objects;

/**
 * An RPC error with a stable code: thrown by a handler or interceptor to answer with that code,
 * and the failure of a request future (server- or client-side).
 */
public class RpcException extends RuntimeException {

    private final String code;

    public RpcException(String code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return "RpcException[" + code + ": " + getMessage() + "]";
    }
}
