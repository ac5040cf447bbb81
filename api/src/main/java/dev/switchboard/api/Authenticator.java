package dev.switchboard.api;

import java.util.concurrent.CompletionStage;

/**
 * Decides who a connection belongs to, from the {@code data} of its {@code authenticate} event.
 *
 * <p>The credentials are decoded with JSON-B into {@code P}: the type argument of the implementing
 * class, or the type given to the hub's builder; a {@code Map} when neither says. The stage must
 * complete with a result to accept, with {@code null} to reject, or exceptionally to fail; a stage
 * still pending when the authentication timeout runs out also fails. Every failure closes the
 * connection with {@link CloseCodes#AUTH_FAILED}. Exactly one authenticator is installed per hub.
 *
 * @param <P> the credentials type
 * @param <M> the metadata type kept on the client
 * @see SyncAuthenticator for authenticators that answer at once
 */
@FunctionalInterface
public interface Authenticator<P, M> {

    CompletionStage<AuthResult<M>> authenticate(P credentials, Client client) throws Exception;
}
