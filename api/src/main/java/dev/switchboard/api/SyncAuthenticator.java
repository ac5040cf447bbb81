package dev.switchboard.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link Authenticator} that answers on the calling thread: return a result to accept,
 * {@code null} to reject, or throw to fail. Keep it fast: it runs on the container's thread.
 */
@FunctionalInterface
public interface SyncAuthenticator<P, M> extends Authenticator<P, M> {

    AuthResult<M> verify(P credentials, Client client) throws Exception;

    @Override
    default CompletionStage<AuthResult<M>> authenticate(P credentials, Client client) throws Exception {
        return CompletableFuture.completedFuture(verify(credentials, client));
    }
}
