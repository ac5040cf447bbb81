package dev.switchboard.core.testing.cluster;

import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A real WebSocket client of a test cluster, with its client id, plus waits on what Redis sees.
 * Used from the test thread only.
 */
public record Peer(WsClient socket, String id) implements AutoCloseable {

    private static final Set<String> PROTOCOL = Set.of("connected", "joined", "left", "token", "resumed");

    /** Connects to {@code uri} and authenticates as {@code user}. */
    public static Peer connect(URI uri, String user) {
        WsClient socket = WsClient.connect(uri);
        return new Peer(socket, socket.authenticate(user).getJsonObject("data").getString("id"));
    }

    public Peer join(String room) {
        socket.emit("join", "{\"rooms\":[\"" + room + "\"]}");
        socket.await("joined");
        return this;
    }

    public Peer leave(String room) {
        socket.emit("leave", "{\"rooms\":[\"" + room + "\"]}");
        socket.await("left");
        return this;
    }

    /** Asks its node to send: {@code kind} client, user, room or broadcast (see {@link ClusterNode}). */
    public void relay(String kind, String target, String event, String dataJson) {
        socket.emit("relay", "{\"kind\":\"" + kind + "\"" + (target == null ? "" : ",\"target\":\"" + target + "\"")
                + ",\"event\":\"" + event + "\",\"data\":" + dataJson + "}");
    }

    /**
     * The app events received (protocol frames skipped) until {@code count} frames of {@code marker}
     * arrived, markers left out, in arrival order.
     */
    public List<JsonObject> until(String marker, int count) {
        List<JsonObject> events = new ArrayList<>();
        int seen = 0;
        while (seen < count) {
            JsonObject frame = socket.next();
            String event = frame.getString("event");
            if (event.equals(marker)) {
                seen++;
            } else if (!PROTOCOL.contains(event)) {
                events.add(frame);
            }
        }
        return events;
    }

    /** The event names of {@link #until}, sorted (several origins interleave freely). */
    public List<String> eventsUntil(String marker, int count) {
        return until(marker, count).stream().map(frame -> frame.getString("event")).sorted().toList();
    }

    @Override
    public void close() {
        socket.close();
    }

    /** Waits until Redis counts {@code count} subscribers of {@code channel}. */
    public static void awaitSubscribers(int redisPort, String channel, long count) {
        try (Jedis jedis = new Jedis("127.0.0.1", redisPort)) {
            Eventually.until(count + " subscriber(s) of " + channel,
                    () -> jedis.pubsubNumSub(channel).get(channel) == count, Duration.ofSeconds(10));
        }
    }
}
