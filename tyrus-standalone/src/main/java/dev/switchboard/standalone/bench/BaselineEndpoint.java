package dev.switchboard.standalone.bench;

import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The raw-Tyrus baseline: what a team would write on a bare {@code @ServerEndpoint} — JSON-P's
 * object model, one shared room, a loop of async sends over its sessions for fan-out, an echo for
 * RPC. It speaks just enough of Switchboard's frames for the same loader to drive both:
 * {@code authenticate} is answered {@code connected} without checking anything (so the baseline's
 * connection figures are "open only"), {@code join} adds the session to the one room whatever it
 * names, and {@code request} serves {@code system:echo} and {@code chat:send}.
 *
 * <p>Tyrus creates an instance per connection and calls it one frame at a time; the shared sets are
 * concurrent.
 */
@ServerEndpoint(BaselineEndpoint.PATH)
public final class BaselineEndpoint {

    static final String PATH = "/ws";

    private static final Set<Session> OPEN = ConcurrentHashMap.newKeySet();
    private static final Set<Session> ROOM = ConcurrentHashMap.newKeySet();
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final JsonReaderFactory READERS = JSON.createReaderFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = JSON.createBuilderFactory(Map.of());
    private static final SendHandler IGNORE = result -> {
    };

    static int openSessions() {
        return OPEN.size();
    }

    @OnOpen
    public void open(Session session) {
        OPEN.add(session);
    }

    @OnMessage
    public void message(Session session, String text) {
        JsonObject frame;
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            frame = reader.readObject();
        } catch (RuntimeException e) {
            send(session, error("INVALID_MESSAGE_FORMAT", "not a JSON object"));
            return;
        }
        switch (frame.getString("event", "")) {
            case "authenticate" -> send(session, BUILDERS.createObjectBuilder().add("event", "connected")
                    .add("data", BUILDERS.createObjectBuilder().add("id", session.getId())).build());
            case "join" -> {
                ROOM.add(session);
                send(session, BUILDERS.createObjectBuilder().add("event", "joined")
                        .add("data", BUILDERS.createObjectBuilder().add("rooms", frame.getJsonObject("data").getJsonArray("rooms"))
                                .add("rejected", BUILDERS.createArrayBuilder()))
                        .build());
            }
            case "request" -> request(session, frame);
            case "heartbeat" -> {
            }
            default -> send(session, error("UNKNOWN_EVENT", "unknown event"));
        }
    }

    private static void request(Session session, JsonObject frame) {
        JsonValue id = frame.get("id");
        JsonValue data = frame.getOrDefault("data", JsonValue.NULL);
        switch (frame.getString("method", "")) {
            case "system:echo" -> send(session, response(id, data));
            case "chat:send" -> {
                JsonObject message = data.asJsonObject();
                String text = BUILDERS.createObjectBuilder().add("event", "chat:message")
                        .add("data", BUILDERS.createObjectBuilder()
                                .add("room", message.getString("room"))
                                .add("from", session.getId())
                                .add("text", message.getString("text"))
                                .add("time", System.currentTimeMillis()))
                        .build().toString();
                for (Session member : ROOM) {
                    member.getAsyncRemote().sendText(text, IGNORE);
                }
                send(session, response(id, BUILDERS.createObjectBuilder().add("delivered", true).build()));
            }
            default -> send(session, error("METHOD_NOT_FOUND", "unknown method"));
        }
    }

    private static JsonObject response(JsonValue id, JsonValue data) {
        return BUILDERS.createObjectBuilder().add("event", "response").add("id", id).add("data", data).build();
    }

    private static JsonObject error(String code, String message) {
        return BUILDERS.createObjectBuilder().add("event", "error")
                .add("data", BUILDERS.createObjectBuilder().add("code", code).add("message", message)).build();
    }

    private static void send(Session session, JsonObject frame) {
        session.getAsyncRemote().sendText(frame.toString(), IGNORE);
    }

    @OnClose
    public void close(Session session) {
        OPEN.remove(session);
        ROOM.remove(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        // the close callback follows; a broken socket is not the benchmark's concern
    }
}
