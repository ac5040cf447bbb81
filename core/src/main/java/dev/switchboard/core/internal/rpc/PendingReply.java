package dev.switchboard.core.internal.rpc;

import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A server → client request waiting for the client's {@code response}. The timer is set once, right after creation. */
final class PendingReply {

    final CompletableFuture<Object> future = new CompletableFuture<>();
    final String method;
    final Type resultType;
    volatile Future<?> timer;

    PendingReply(String method, Type resultType) {
        this.method = method;
        this.resultType = resultType;
    }
}
