package dev.switchboard.conformance;

import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A raw WebSocket client of the suite: frames in and out as JSON, heartbeats every 300 ms (the app
 * under test closes idle clients after 1.5 s) unless told not to. Frames passed over while waiting
 * for a particular one are kept, in order, for the next reads. Heartbeats run on the peer's own
 * timer thread ({@link WsClient#send} is synchronized); everything else is used by the test's thread.
 */
public final class Peer implements AutoCloseable {

    private final WsClient socket;
    private final ScheduledExecutorService heartbeats;
    private final AtomicLong requestIds = new AtomicLong();
    private final Deque<JsonObject> unread = new ArrayDeque<>();
    private volatile JsonObject connected;

    private Peer(WsClient socket, boolean heartbeat) {
        this.socket = socket;
        if (heartbeat) {
            heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "conformance-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
            heartbeats.scheduleAtFixedRate(this::heartbeat, 300, 300, TimeUnit.MILLISECONDS);
        } else {
            heartbeats = null;
        }
    }

    static Peer connect(URI uri, boolean heartbeat, boolean paused) {
        TokenWarmUp.done();
        return new Peer(WsClient.connect(uri, paused, List.of()), heartbeat);
    }

    private void heartbeat() {
        if (!socket.isClosed()) {
            try {
                socket.send("{\"event\":\"heartbeat\"}");
            } catch (RuntimeException closedMeanwhile) {
                heartbeats.shutdown();
            }
        }
    }

    /**
     * Stops heartbeating. A client that will read a long backlog before the server's close frame
     * must send nothing more: bytes that reach a server after it closed its socket make the
     * server's kernel answer with a reset, which discards the backlog and the close frame with it.
     */
    public void stopHeartbeats() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
    }

    public WsClient socket() {
        return socket;
    }

    /** The client id from {@code connected}. */
    public String id() {
        return connected.getString("id");
    }

    /** The data of {@code connected}. */
    public JsonObject connected() {
        return connected;
    }

    /** Sends {@code authenticate} with a valid token for {@code user} and waits for {@code connected}. */
    public JsonObject authenticate(String user) {
        socket.emit("authenticate", "{\"token\":\"" + ExampleAppSettings.token(user) + "\"}");
        connected = await("connected").getJsonObject("data");
        return connected;
    }

    public void send(String text) {
        socket.send(text);
    }

    public void emit(String event, String dataJson) {
        socket.emit(event, dataJson);
    }

    /** Sends a request and returns its id. */
    public String request(String method, String dataJson) {
        String requestId = "r" + requestIds.incrementAndGet();
        socket.send("{\"event\":\"request\",\"id\":\"" + requestId + "\",\"method\":\"" + method + "\""
                + (dataJson == null ? "" : ",\"data\":" + dataJson) + "}");
        return requestId;
    }

    /** Sends a request and waits for its response frame. */
    public JsonObject call(String method, String dataJson) {
        String requestId = request(method, dataJson);
        return response(requestId);
    }

    /** Waits for the response to {@code requestId}; other frames stay unread. */
    public JsonObject response(String requestId) {
        return first(frame -> "response".equals(frame.getString("event", null))
                && requestId.equals(frame.getString("id", null)));
    }

    /** Waits for the first frame of this event; other frames stay unread. */
    public JsonObject await(String event) {
        return first(frame -> event.equals(frame.getString("event", null)));
    }

    /** The next unread frame, failing after {@link WsClient#WAIT}. */
    public JsonObject next() {
        return unread.isEmpty() ? socket.next() : unread.removeFirst();
    }

    /**
     * Fails if any frame is waiting for this peer: the answer to a {@code system:echo} request sent
     * now must be the next frame, as anything the server had queued for the socket comes first. The
     * way to check that nothing arrived, instead of waiting a while.
     */
    public void assertNoMessage() {
        String requestId = request("system:echo", "\"marker\"");
        JsonObject next = next();
        if (!"response".equals(next.getString("event", null)) || !requestId.equals(next.getString("id", null))) {
            throw new AssertionError("unexpected frame " + next);
        }
    }

    /** The next unread frame within {@code wait}, or null. */
    public JsonObject poll(Duration wait) throws InterruptedException {
        return unread.isEmpty() ? socket.poll(wait) : unread.removeFirst();
    }

    private JsonObject first(Predicate<JsonObject> wanted) {
        for (Iterator<JsonObject> it = unread.iterator(); it.hasNext(); ) {
            JsonObject frame = it.next();
            if (wanted.test(frame)) {
                it.remove();
                return frame;
            }
        }
        List<JsonObject> passed = new ArrayList<>();
        try {
            while (true) {
                JsonObject frame = socket.next();
                if (wanted.test(frame)) {
                    return frame;
                }
                passed.add(frame);
            }
        } catch (AssertionError timeout) {
            throw new AssertionError("the awaited frame did not come; received meanwhile: " + passed, timeout);
        } finally {
            unread.addAll(passed);
        }
    }

    public int awaitClose() {
        return socket.awaitClose();
    }

    @Override
    public void close() {
        stopHeartbeats();
        socket.close();
    }

    /**
     * Signs one token before the first socket opens: the JWT library's first use (class loading,
     * key setup) must not eat into the server's short authentication timeout of the first test.
     */
    private static final class TokenWarmUp {
        static {
            ExampleAppSettings.token("warm-up");
        }

        static void done() {
        }
    }
}
