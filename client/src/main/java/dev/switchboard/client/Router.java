package dev.switchboard.client;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;
import dev.switchboard.api.WireError;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * Hands each server frame of the current socket to the part it concerns: responses and
 * notifications to the client's requests, the server's requests and cancels to the method handlers,
 * {@code joined}/{@code left} to the room line (and the remembered rooms), {@code presence} answers
 * to their requests (pushes go to the event handlers), {@code connected},
 * {@code resumed} and {@code token} to the session and its reconnector, everything else to the
 * event handlers. Called by one socket listener at a time; holds no state of its own.
 */
final class Router {

    private final Session session;
    private final Codec codec;
    private final Continuity memory;
    private final Reconnector reconnector;

    Router(Session session, Continuity memory, Reconnector reconnector) {
        this.session = session;
        this.codec = session.codec;
        this.memory = memory;
        this.reconnector = reconnector;
    }

    void route(Transport from, Codec.Frame frame) {
        switch (frame.event()) {
            case "response" -> session.calls.onResponse(frame);
            case "request" -> session.methods.onRequest(frame);
            case "cancel" -> session.methods.onCancel(frame);
            case "notification" -> {
                if (!session.calls.onNotification(frame)) {
                    dispatch(frame);
                }
            }
            case "error" -> onError(frame);
            case "connected" -> {
                session.onConnected(codec.decode(frame.data(), Connected.class), text(frame, "token"));
                dispatch(frame);
            }
            case "resumed" -> reconnector.onResumed(from, resumed(frame));
            case "token" -> memory.token(text(frame, "token"));
            case "joined", "left" -> {
                Rooms reply = codec.decode(frame.data(), Rooms.class);
                if (frame.event().equals("joined")) {
                    memory.joined(reply);
                } else {
                    memory.left(reply);
                }
                session.rooms.onReply(frame.event(), frame.id(), reply);
                dispatch(frame);
            }
            case "presence" -> {
                if (!session.presence.answered(frame)) {
                    dispatch(frame);
                }
            }
            default -> dispatch(frame);
        }
    }

    private void onError(Codec.Frame frame) {
        WireError error;
        try {
            error = codec.decode(frame.data(), WireError.class);
        } catch (RpcException e) {
            error = null;
        }
        if (error == null || error.code() == null) {
            error = new WireError(ErrorCodes.INTERNAL_ERROR, "The server sent an error without a code");
        }
        RpcException failure = new RpcException(error.code(), error.message());
        if (frame.id() != null && (session.calls.fail(frame.id(), failure) || session.rooms.fail(frame.id(), failure)
                || session.presence.fail(frame.id(), failure))) {
            return;
        }
        if (ErrorCodes.AUTHENTICATION_FAILED.equals(error.code()) && session.auth.refused(error)) {
            return;
        }
        session.listeners.error(failure);
        dispatch(frame);
    }

    private void dispatch(Codec.Frame frame) {
        session.events.dispatch(frame.event(), new Payload(frame.data(), codec));
    }

    private static Reconnector.Resumed resumed(Codec.Frame frame) {
        JsonObject data = frame.data() instanceof JsonObject object ? object : JsonObject.EMPTY_JSON_OBJECT;
        return new Reconnector.Resumed(data.getBoolean("recovered", false), data.getInt("replayed", 0),
                text(frame, "token"), text(frame, "reason"));
    }

    private static String text(Codec.Frame frame, String field) {
        return frame.data() instanceof JsonObject data && data.get(field) instanceof JsonString value
                ? value.getString() : null;
    }
}
