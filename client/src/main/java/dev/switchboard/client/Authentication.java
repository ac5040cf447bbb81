package dev.switchboard.client;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.WireError;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Who the client is on the server: the application's authentication attempt (one per server
 * session; asking again returns the same one), its credentials, the server's refusal until the
 * close that follows it, and what {@code connected} said. Thread-safe; every field is guarded by
 * this object's monitor, and futures are completed outside it, on the callback executor.
 */
final class Authentication {

    private final Executor executor;
    private final ScheduledExecutorService timers;
    private final Duration closeTimeout;

    private CompletableFuture<Connected> attempt;
    private Object credentials;
    private WireError refusal;
    private Connected connected;

    Authentication(Executor executor, ScheduledExecutorService timers, Duration closeTimeout) {
        this.executor = executor;
        this.timers = timers;
        this.closeTimeout = closeTimeout;
    }

    /** The attempt in progress or done, or null if a new one was started (the caller then sends {@code authenticate}). */
    synchronized CompletableFuture<Connected> existing() {
        return attempt == null ? null : attempt.copy();
    }

    synchronized CompletableFuture<Connected> start(Object credentials) {
        this.credentials = credentials;
        attempt = new CompletableFuture<>();
        return attempt;
    }

    /**
     * {@code connected}: completes the application's attempt unless this answers a re-authentication.
     * @return the credentials that succeeded (the attempt's, or null for a re-authentication)
     */
    Object connected(Connected who, boolean reauthentication) {
        CompletableFuture<Connected> done;
        Object used;
        synchronized (this) {
            connected = who;
            done = reauthentication ? null : attempt;
            used = reauthentication ? null : credentials;
        }
        if (done != null) {
            Dispatch.run(executor, () -> done.complete(who));
        }
        return used;
    }

    synchronized Connected connected() {
        return connected;
    }

    /** The server session is gone: no identity and no attempt until a new {@code connected}. */
    synchronized void forget() {
        connected = null;
        attempt = null;
        refusal = null;
    }

    /** Keeps the reason until the close that follows (so the failure can name both); fails anyway if none comes. */
    boolean refused(WireError error) {
        CompletableFuture<Connected> pending;
        synchronized (this) {
            pending = waitingLocked();
            if (pending == null) {
                return false;
            }
            refusal = error;
        }
        Dispatch.later(timers, () -> Dispatch.run(executor, () -> pending.completeExceptionally(
                new AuthenticationException(error.code(), error.message(), 0))), closeTimeout.toMillis());
        return true;
    }

    /** The socket ended with {@code code}: an attempt still waiting fails, naming the refusal if there was one. */
    void ended(int code, String why) {
        CompletableFuture<Connected> pending;
        WireError refused;
        synchronized (this) {
            pending = waitingLocked();
            refused = refusal;
        }
        if (pending == null) {
            return;
        }
        AuthenticationException failure = refused != null
                ? new AuthenticationException(refused.code(), refused.message(), code)
                : new AuthenticationException(code == CloseCodes.AUTH_FAILED || code == CloseCodes.AUTH_TIMEOUT
                ? ErrorCodes.AUTHENTICATION_FAILED : ErrorCodes.DISCONNECTED, why, code);
        Dispatch.run(executor, () -> pending.completeExceptionally(failure));
    }

    /** The application's attempt if it is still waiting for an answer, else null; the caller holds the monitor. */
    private CompletableFuture<Connected> waitingLocked() {
        return attempt == null || attempt.isDone() ? null : attempt;
    }
}
