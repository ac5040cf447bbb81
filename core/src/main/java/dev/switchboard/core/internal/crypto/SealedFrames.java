package dev.switchboard.core.internal.crypto;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.HandshakeHandler;
import dev.switchboard.api.InboundTransformer;
import dev.switchboard.api.encryption.DecryptionException;
import dev.switchboard.api.encryption.EncryptionMode;
import dev.switchboard.api.encryption.SealedFrame;
import dev.switchboard.core.internal.codec.Envelopes;
import dev.switchboard.core.internal.codec.Inbound;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.codec.MalformedMessageException;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.delivery.LocalDelivery;
import dev.switchboard.core.internal.hub.DebugLog;
import dev.switchboard.core.internal.hub.HubContext;
import dev.switchboard.core.internal.hub.Lifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound side of encryption, the first step of routing a client frame: an {@code encrypted}
 * frame of an authenticated client is opened and its envelope routed instead; one that fails
 * (malformed, replayed, forged, or a client without keys) is never processed and gets a plain
 * {@code error DECRYPTION_FAILED} and close 4010. In required mode a plain frame other than
 * {@code heartbeat} after {@code connected} gets {@code ENCRYPTION_REQUIRED} and is dropped. A
 * {@code handshake} event goes to a custom scheme's {@link HandshakeHandler}. Frames before
 * authentication pass unchanged (an {@code encrypted} one then gets {@code NOT_AUTHENTICATED}).
 * Stateless; called one frame at a time per socket.
 */
public final class SealedFrames {

    private static final Logger LOG = LoggerFactory.getLogger(SealedFrames.class);

    private final Encryption encryption;
    private final JsonCodec codec;
    private final LocalDelivery delivery;
    private final Lifecycle lifecycle;
    private final DebugLog debug;

    public SealedFrames(HubContext context, Lifecycle lifecycle) {
        this.encryption = context.encryption();
        this.codec = context.codec();
        this.delivery = context.delivery();
        this.lifecycle = lifecycle;
        this.debug = context.debug();
    }

    /** The envelope to route for {@code message}, or null when it was answered here and must not be processed. */
    public Inbound unwrap(Connection connection, Inbound message) {
        if (encryption.mode() == EncryptionMode.OFF || "heartbeat".equals(message.event())
                || connection.state() != ClientState.AUTHENTICATED) {
            return message;
        }
        if (SealedFrame.EVENT.equals(message.event())) {
            return open(connection, message);
        }
        if (encryption.mode() == EncryptionMode.REQUIRED) {
            lifecycle.sendError(connection, ErrorCodes.ENCRYPTION_REQUIRED,
                    "Encryption is required: send '" + message.event() + "' as an 'encrypted' frame", message.id());
            return null;
        }
        HandshakeHandler handshake = encryption.laterHandshake();
        if (handshake != null && "handshake".equals(message.event())) {
            laterHandshake(handshake, connection, message);
            return null;
        }
        return message;
    }

    private Inbound open(Connection connection, Inbound message) {
        InboundTransformer inbound = encryption.inbound();
        String plain;
        try {
            if (inbound == null || !Encryption.isEncrypted(connection)) {
                throw new DecryptionException(DecryptionException.Reason.FORGED, "the client is not encrypted");
            }
            plain = inbound.open(connection, message.rawData());
        } catch (RuntimeException e) {
            refuse(connection, e);
            return null;
        }
        Inbound inner;
        try {
            inner = codec.parse(plain);
        } catch (MalformedMessageException e) {
            lifecycle.sendError(connection, ErrorCodes.INVALID_MESSAGE_FORMAT, e.getMessage(), null);
            return null;
        }
        if (SealedFrame.EVENT.equals(inner.event())) {
            lifecycle.sendError(connection, ErrorCodes.INVALID_MESSAGE_FORMAT, "An 'encrypted' frame inside another",
                    inner.id());
            return null;
        }
        return inner;
    }

    /** Never processed: a plain DECRYPTION_FAILED (naming no check or key), then close 4010; the session ends. */
    private void refuse(Connection connection, RuntimeException failure) {
        String why = failure instanceof DecryptionException refused ? refused.reason().name() : failure.toString();
        debug.error("{} decryption failed: {}", connection.id(), why);
        connection.enqueue(delivery.frame(Envelopes.error(ErrorCodes.DECRYPTION_FAILED, "Decryption failed", null))
                .asPlain());
        lifecycle.terminate(connection, Lifecycle.OPEN, CloseCodes.DECRYPTION_FAILED, "Decryption failed", null);
    }

    private void laterHandshake(HandshakeHandler handshake, Connection connection, Inbound message) {
        try {
            Object answer = handshake.onHandshake(connection, message);
            if (answer != null) {
                connection.enqueue(delivery.frame(new Envelope("handshake", answer, message.id(), null, null, null))
                        .asPlain());
                encryption.enable(connection);
            }
        } catch (UnsupportedOperationException e) {
            lifecycle.sendError(connection, ErrorCodes.UNKNOWN_EVENT, "No handler for event 'handshake'", message.id());
        } catch (Exception e) {
            LOG.warn("HandshakeHandler failed for client {}", connection.id(), e);
            lifecycle.sendError(connection, ErrorCodes.INTERNAL_ERROR, "Internal error", message.id());
        }
    }
}
