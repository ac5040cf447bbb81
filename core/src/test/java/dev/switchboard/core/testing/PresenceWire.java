package dev.switchboard.core.testing;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of presence on the wire: asking who is in a room, and reading the pushes. A
 * member is written {@code clientId/userId}. Stateless apart from an id counter.
 */
public final class PresenceWire {

    private static final AtomicLong IDS = new AtomicLong();

    private PresenceWire() {
    }

    /** Sends {@code presence {room}} and returns the frame answering it ({@code presence} or {@code error}), skipping others. */
    public static JsonObject ask(WsClient client, String room) {
        String id = "p" + IDS.incrementAndGet();
        client.send("{\"event\":\"presence\",\"id\":\"" + id + "\",\"data\":{\"room\":\"" + room + "\"}}");
        return answer(client, id, new ArrayList<>());
    }

    /** As {@link #ask}, keeping the frames that arrived before the answer in {@code before}. */
    public static JsonObject answer(WsClient client, String id, List<JsonObject> before) {
        while (true) {
            JsonObject frame = client.next();
            if (id.equals(frame.getString("id", null))) {
                return frame;
            }
            before.add(frame);
        }
    }

    /** The members of an answer, as {@code clientId/userId}, sorted. */
    public static Set<String> members(JsonObject answer) {
        return names(answer.getJsonObject("data").getJsonArray("members"));
    }

    /** Asks until the answer lists exactly {@code expected} (other nodes' writes reach Redis a little later). */
    public static void awaitMembers(WsClient client, String room, Set<String> expected) {
        List<Set<String>> answers = new ArrayList<>();
        try {
            Eventually.until("members of " + room, () -> {
                answers.add(members(ask(client, room)));
                return answers.get(answers.size() - 1).equals(expected);
            });
        } catch (AssertionError e) {
            throw new AssertionError("members of " + room + " never were " + expected + "; last answer "
                    + answers.get(answers.size() - 1), e);
        }
    }

    /** The next presence push (a {@code presence} frame without an id), skipping other frames. */
    public static JsonObject nextPush(WsClient client) {
        while (true) {
            JsonObject frame = client.next();
            if ("presence".equals(frame.getString("event")) && !frame.containsKey("id")) {
                return frame;
            }
        }
    }

    /** A push as sets of {@code clientId/userId}, and whether it carried {@code seq}. */
    public record Change(String room, Set<String> joined, Set<String> left, boolean numbered) {
    }

    /**
     * The next push that says something besides {@code self}'s own join: a member may or may not
     * get its own join (it gets pushes once admitted), so that part is dropped.
     */
    public static Change nextChange(WsClient client, String self) {
        while (true) {
            JsonObject push = nextPush(client);
            Set<String> joined = joined(push);
            joined.remove(self);
            Set<String> left = left(push);
            if (!joined.isEmpty() || !left.isEmpty()) {
                return new Change(room(push), joined, left, push.containsKey("seq"));
            }
        }
    }

    public static Set<String> joined(JsonObject push) {
        return names(push.getJsonObject("data").getJsonArray("joined"));
    }

    public static Set<String> left(JsonObject push) {
        return names(push.getJsonObject("data").getJsonArray("left"));
    }

    public static String room(JsonObject push) {
        return push.getJsonObject("data").getString("room");
    }

    public static String errorCode(JsonObject frame) {
        return "error".equals(frame.getString("event")) ? frame.getJsonObject("data").getString("code") : null;
    }

    public static String member(String clientId, String userId) {
        return clientId + "/" + userId;
    }

    private static Set<String> names(JsonArray members) {
        Set<String> names = new TreeSet<>();
        for (JsonValue value : members) {
            JsonObject member = value.asJsonObject();
            names.add(member(member.getString("clientId"), member.getString("userId", null)));
        }
        return names;
    }
}
