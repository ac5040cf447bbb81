package dev.switchboard.core.internal.hub;

import dev.switchboard.core.hub.HubConfig;
import dev.switchboard.core.internal.delivery.LocalDelivery;
import dev.switchboard.api.AuthResult;
import dev.switchboard.api.ClientState;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.WireError;
import dev.switchboard.core.internal.codec.Inbound;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.codec.ProtocolPayloads;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.crypto.Encryption;
import dev.switchboard.core.internal.limits.Limiter;
import dev.switchboard.core.internal.rooms.RoomIndex;
import dev.switchboard.core.internal.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.concurrent.CompletionStage;

/**
 * Post-connection authentication: UNAUTHORIZED → AUTHENTICATING → AUTHENTICATED, or close 4001
 * (no credentials in time) / 4003 (rejected, failed, or no answer in time) / 4004 (encryption
 * required and the key exchange did not succeed: the offer is split off the credentials first, the
 * exchange runs after the authenticator accepted, see {@link Encryption}). Stateless; all
 * per-connection state lives on the {@link Connection} and changes under its monitor.
 */
public final class AuthFlow {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFlow.class);
    private static final EnumSet<ClientState> AUTHENTICATING = EnumSet.of(ClientState.AUTHENTICATING);
    private static final EnumSet<ClientState> UNAUTHORIZED = EnumSet.of(ClientState.UNAUTHORIZED);

    private final HubConfig config;
    private final Hooks hooks;
    private final JsonCodec codec;
    private final ConnectionRegistry registry;
    private final RoomIndex rooms;
    private final LocalDelivery delivery;
    private final Lifecycle lifecycle;
    private final Suspensions suspensions;
    private final DebugLog debug;
    private final Encryption encryption;
    private final Limiter limiter;

    public AuthFlow(HubContext context, Lifecycle lifecycle, Suspensions suspensions) {
        this.config = context.config();
        this.hooks = context.hooks();
        this.codec = context.codec();
        this.registry = context.registry();
        this.rooms = context.rooms();
        this.delivery = context.delivery();
        this.lifecycle = lifecycle;
        this.suspensions = suspensions;
        this.debug = context.debug();
        this.encryption = context.encryption();
        this.limiter = context.limiter();
    }

    /** The auth timer fired: close 4001 if no credentials came, 4003 if the authenticator is still pending. */
    public void timedOut(Connection connection) {
        if (!lifecycle.terminate(connection, UNAUTHORIZED, CloseCodes.AUTH_TIMEOUT, "Authentication timeout", null)) {
            fail(connection, "Authentication timed out");
        }
    }

    public void authenticate(Connection connection, Inbound message) {
        if (!connection.beginAuthentication()) {
            lifecycle.sendError(connection, ErrorCodes.ALREADY_AUTHENTICATED, "Already authenticated", message.id());
            return;
        }
        debug.event("{} authenticating", connection.id());
        Encryption.Offer offer = encryption.offer(message.json());
        if (encryption.refusedUpFront(offer.offer())) {
            refuse(connection, "Encryption is required: offer a key in authenticate data.encryption");
            return;
        }
        Object credentials;
        try {
            credentials = codec.convert(offer.credentials(), hooks.credentialsType());
        } catch (IllegalArgumentException e) {
            fail(connection, "Credentials have the wrong format");
            return;
        }
        CompletionStage<AuthResult<Object>> answer;
        try {
            answer = hooks.authenticator().authenticate(credentials, connection);
        } catch (Exception e) {
            LOG.warn("Authenticator failed for client {}", connection.id(), e);
            fail(connection, "Authentication failed");
            return;
        }
        if (answer == null) {
            fail(connection, "Authentication failed");
            return;
        }
        answer.whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.warn("Authenticator failed for client {}", connection.id(), failure);
                fail(connection, "Authentication failed");
            } else if (result == null) {
                fail(connection, "Invalid credentials");
            } else if (!encryption.exchanges(offer.offer())) {
                succeed(connection, result, null);
            } else {
                encryption.handshake(connection, offer.offer()).whenComplete((keys, refused) -> {
                    if (refused != null) {
                        debug.error("{} key exchange refused: {}", connection.id(), refused.toString());
                        refuse(connection, "The key exchange failed: the offered key is invalid");
                    } else {
                        succeed(connection, result, keys);
                    }
                });
            }
        });
    }

    /**
     * Everything happens under the connection's monitor while it is still AUTHENTICATING (so app
     * deliveries skip it): index the user, join the initial rooms, open the session (resumption on),
     * stage {@code connected} (plain, with the session token and the key exchange's answer), mark
     * the client encrypted (every later frame is sealed as its writer takes it), switch to
     * AUTHENTICATED; then the listeners' {@code onConnected} run, and only then is {@code connected}
     * written. So it precedes every app message (including what {@code onConnected} sends), and a
     * client reacting to it finds itself fully admitted (in its rooms, reachable, able to call).
     */
    private void succeed(Connection connection, AuthResult<Object> result, Object encryptionAnswer) {
        Admission admission = admit(connection, result, encryptionAnswer);
        if (admission != Admission.ADMITTED) {
            encryption.ended(connection);
            if (admission == Admission.USER_FULL) {
                refuse(connection, limiter.userFull());
            }
            return;
        }
        connection.cancelAuthTimer();
        debug.connection("{} authenticated as user {}", connection.id(), result.userId());
        lifecycle.notifyListeners(listener -> listener.onConnected(connection));
        connection.flush();
    }

    private enum Admission { ADMITTED, CLOSED, USER_FULL }

    /** The step under the connection's monitor: CLOSED when it stopped authenticating meanwhile. */
    private Admission admit(Connection connection, AuthResult<Object> result, Object encryptionAnswer) {
        synchronized (connection) {
            if (connection.state() != ClientState.AUTHENTICATING) {
                return Admission.CLOSED;
            }
            connection.identify(result.userId(), result.metadata());
            if (!registry.bindUser(connection, config.limits().maxConnectionsPerUser())) {
                return Admission.USER_FULL;
            }
            rooms.join(connection, connection.id());
            for (String room : config.defaultRooms()) {
                rooms.join(connection, room);
            }
            Session session = suspensions.open(connection);
            connection.session(session);
            connection.stage(delivery.frame(Envelope.of("connected", new ProtocolPayloads.Connected(connection.id(),
                    result.userId(), System.currentTimeMillis(), session == null ? null : session.takeToken(),
                    encryptionAnswer))).asPlain());
            if (encryptionAnswer != null) {
                encryption.enable(connection);
            }
            connection.completeAuthentication();
            return Admission.ADMITTED;
        }
    }

    /** {@code error ENCRYPTION_REQUIRED} (plain: the client has no keys) and close 4004. */
    private void refuse(Connection connection, String message) {
        if (lifecycle.terminate(connection, AUTHENTICATING, CloseCodes.ENCRYPTION_REQUIRED, "Encryption required",
                new WireError(ErrorCodes.ENCRYPTION_REQUIRED, message))) {
            debug.error("{} encryption required: {}", connection.id(), message);
        }
        encryption.ended(connection);
    }

    /** Past a connection limit: the {@code error} event, then the refusal's close. Listeners never heard of it. */
    private void refuse(Connection connection, Limiter.Refusal refusal) {
        debug.error("{} refused: {} for user {}", connection.id(), refusal.reason(), connection.userId());
        lifecycle.terminate(connection, AUTHENTICATING, refusal.closeCode(), refusal.reason(), refusal.error());
    }

    private void fail(Connection connection, String message) {
        if (lifecycle.terminate(connection, AUTHENTICATING, CloseCodes.AUTH_FAILED, "Authentication failed",
                new WireError(ErrorCodes.AUTHENTICATION_FAILED, message))) {
            debug.error("{} authentication failed: {}", connection.id(), message);
        }
    }
}
