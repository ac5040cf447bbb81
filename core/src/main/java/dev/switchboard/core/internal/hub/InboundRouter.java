package dev.switchboard.core.internal.hub;

import dev.switchboard.core.hub.HubConfig;
import dev.switchboard.api.ClientState;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.internal.codec.DataMismatchException;
import dev.switchboard.core.internal.codec.FailureLog;
import dev.switchboard.core.internal.codec.Inbound;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.codec.MalformedMessageException;
import dev.switchboard.core.internal.codec.ProtocolPayloads;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.crypto.SealedFrames;
import dev.switchboard.core.internal.rpc.RpcDispatcher;
import dev.switchboard.core.internal.codec.OutboundFrame;
import org.slf4j.LoggerFactory;

/**
 * Routes each client frame: size and format checks, opening an {@code encrypted} frame
 * ({@link SealedFrames}), then {@code heartbeat}, {@code authenticate},
 * {@code resume}, and, once authenticated, {@code join}/{@code leave}, RPC ({@code request}, {@code cancel},
 * {@code response}) and custom events. Stateless; called by the
 * container one frame at a time per connection.
 */
public final class InboundRouter {

    private static final FailureLog FAILURES = new FailureLog(LoggerFactory.getLogger(InboundRouter.class));

    private final HubConfig config;
    private final Hooks hooks;
    private final JsonCodec codec;
    private final AuthFlow auth;
    private final ResumeFlow resume;
    private final RoomRequests roomRequests;
    private final RpcDispatcher rpc;
    private final Lifecycle lifecycle;
    private final DebugLog debug;
    private final SealedFrames sealed;
    private final FrameGuard guard;

    public InboundRouter(HubContext context, AuthFlow auth, ResumeFlow resume, RoomRequests roomRequests,
                         RpcDispatcher rpc, Lifecycle lifecycle) {
        this.config = context.config();
        this.hooks = context.hooks();
        this.codec = context.codec();
        this.auth = auth;
        this.resume = resume;
        this.roomRequests = roomRequests;
        this.rpc = rpc;
        this.lifecycle = lifecycle;
        this.debug = context.debug();
        this.sealed = new SealedFrames(context, lifecycle);
        this.guard = new FrameGuard(context, lifecycle);
    }

    public void onText(Connection connection, String text) {
        if (gone(connection)) {
            return;
        }
        connection.touch();
        if (!guard.admit(connection, text)) {
            return;
        }
        if (tooBig(text)) {
            debug.error("{} frame over {} bytes", connection.id(), config.maxMessageBytes());
            lifecycle.terminate(connection, Lifecycle.OPEN, CloseCodes.MESSAGE_TOO_BIG, "Message too big", null);
            return;
        }
        Inbound message;
        try {
            message = codec.parse(text);
        } catch (MalformedMessageException e) {
            lifecycle.sendError(connection, ErrorCodes.INVALID_MESSAGE_FORMAT, e.getMessage(), e.id());
            return;
        }
        message = sealed.unwrap(connection, message);
        if (message == null) {
            return;
        }
        debug.event("{} → {}", connection.id(), message.event());
        route(connection, message);
    }

    public void onBinary(Connection connection) {
        if (gone(connection)) {
            return;
        }
        connection.touch();
        lifecycle.sendError(connection, ErrorCodes.UNSUPPORTED_FRAME,
                "Binary frames are not supported; send JSON text frames", null);
    }

    /** Routes one frame; a failure is logged and answered with INTERNAL_ERROR, never passed to the container. */
    private void route(Connection connection, Inbound message) {
        try {
            switch (message.event()) {
                case "heartbeat" -> {
                }
                case "authenticate" -> {
                    if (guard.attempt(connection)) {
                        auth.authenticate(connection, message);
                    }
                }
                case "resume" -> {
                    if (guard.attempt(connection)) {
                        resume.resume(connection, message);
                    }
                }
                default -> {
                    if (connection.state() != ClientState.AUTHENTICATED) {
                        lifecycle.sendError(connection, ErrorCodes.NOT_AUTHENTICATED, "Not authenticated",
                                message.id());
                        return;
                    }
                    routeAuthenticated(connection, message);
                }
            }
        } catch (MalformedMessageException e) {
            lifecycle.sendError(connection, ErrorCodes.INVALID_MESSAGE_FORMAT, e.getMessage(), message.id());
        } catch (DataMismatchException e) {
            lifecycle.sendError(connection, ErrorCodes.INVALID_MESSAGE_FORMAT, "Data does not fit the event", message.id());
        } catch (Exception | StackOverflowError e) {
            FAILURES.unexpected("Handling a client frame failed", e);
            lifecycle.sendError(connection, ErrorCodes.INTERNAL_ERROR, "Internal error", message.id());
        }
    }

    private void routeAuthenticated(Connection connection, Inbound message) throws Exception {
        switch (message.event()) {
            case "join" -> reply(connection, "joined", message,
                    roomRequests.join(connection, message.stringList("rooms")));
            case "leave" -> reply(connection, "left", message,
                    roomRequests.leave(connection, message.stringList("rooms")));
            case "presence" -> roomRequests.presence(connection, message);
            case "request" -> rpc.onRequest(connection, message);
            case "cancel" -> rpc.onCancel(connection, message);
            case "response" -> rpc.onResponse(connection, message);
            default -> custom(connection, message);
        }
    }

    private void custom(Connection connection, Inbound message) throws Exception {
        if (hooks.messageHandler() == null) {
            lifecycle.sendError(connection, ErrorCodes.UNKNOWN_EVENT,
                    "No handler for event '" + message.event() + "'", message.id());
            return;
        }
        hooks.messageHandler().onMessage(connection, message);
    }

    /** {@code joined}/{@code left}, echoing the request's id (if it had one) so the client can match it. */
    private void reply(Connection connection, String event, Inbound request, ProtocolPayloads.Rooms rooms) {
        connection.deliver(codec.frame(new Envelope(event, rooms, request.id(), null, null, null)));
    }

    /** Frames still arriving on the socket of a suspended session (lost, being closed) or a closed one are ignored. */
    private static boolean gone(Connection connection) {
        ClientState state = connection.state();
        return state == ClientState.DISCONNECTED || state == ClientState.SUSPENDED;
    }

    private boolean tooBig(String text) {
        int max = config.maxMessageBytes();
        int chars = text.length();
        return chars > max || ((long) chars * 3 > max && OutboundFrame.utf8Length(text) > max);
    }
}
