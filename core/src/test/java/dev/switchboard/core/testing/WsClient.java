package dev.switchboard.core.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real WebSocket client for tests (JDK {@code java.net.http.WebSocket}): records every text
 * frame and the close code. With {@code paused} it reads one frame per {@link #resume()} and
 * nothing else, so the server's writes back up in TCP (a slow consumer).
 */
public final class WsClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicLong BARRIERS = new AtomicLong();

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean paused;
    private volatile WebSocket socket;

    private WsClient(boolean paused) {
        this.paused = paused;
    }

    public static WsClient connect(URI uri) {
        return connect(uri, false, List.of());
    }

    public static WsClient connect(URI uri, boolean paused, List<String> headers) {
        return connect(HttpClient.newHttpClient(), uri, paused, headers);
    }

    /** Connects through {@code http}, e.g. one whose SSL context trusts a test server's certificate. */
    public static WsClient connect(HttpClient http, URI uri, boolean paused, List<String> headers) {
        WsClient client = new WsClient(paused);
        WebSocket.Builder builder = http.newWebSocketBuilder()
                .connectTimeout(WAIT)
                .subprotocols("switchboard.v1");
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            builder.header(headers.get(i), headers.get(i + 1));
        }
        client.socket = builder.buildAsync(uri, client.listener()).join();
        return client;
    }

    /** Connects and authenticates as {@code user} with the test authenticator. */
    public static WsClient authenticated(URI uri, String user) {
        WsClient client = connect(uri);
        client.authenticate(user);
        return client;
    }

    /** Asks for the next frame, unless paused: then only {@link #resume()} does. */
    private void readOn(WebSocket webSocket) {
        if (!paused) {
            webSocket.request(1);
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                readOn(webSocket);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(Json.createReader(new StringReader(partial.toString())).readObject());
                    partial.setLength(0);
                }
                readOn(webSocket);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeReason.complete(reason);
                closeCode.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeReason.complete(error.toString());
                closeCode.complete(-1);
            }
        };
    }

    public WebSocket socket() {
        return socket;
    }

    /** Lets a paused client read one more frame. */
    public void resume() {
        socket.request(1);
    }

    public synchronized void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends one text message as a fragment per part (a frame each, the last one final). */
    public synchronized void sendInParts(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).join();
        }
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    public void emit(String event, String dataJson) {
        send(dataJson == null ? "{\"event\":\"" + event + "\"}" : "{\"event\":\"" + event + "\",\"data\":" + dataJson + "}");
    }

    /** Sends {@code authenticate} for the test authenticator's user and waits for {@code connected}. */
    public JsonObject authenticate(String user) {
        emit("authenticate", "{\"user\":\"" + user + "\"}");
        return await("connected");
    }

    /** The next frame, failing after {@link #WAIT}. */
    public JsonObject next() {
        try {
            JsonObject frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame within {@code wait}, or null. */
    public JsonObject poll(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Skips frames until one with this event arrives; fails if another event appears first only when strict. */
    public JsonObject await(String event) {
        List<String> skipped = new ArrayList<>();
        while (true) {
            JsonObject frame;
            try {
                frame = next();
            } catch (AssertionError e) {
                throw new AssertionError("no '" + event + "' event; skipped " + skipped, e);
            }
            if (event.equals(frame.getString("event"))) {
                return frame;
            }
            skipped.add(frame.toString());
        }
    }

    /**
     * Every frame that arrived before the answer to a round trip sent now, which the server writes
     * after anything it had queued for this socket earlier: a {@code leave} of no room with a fresh
     * id, answered {@code left} once authenticated and {@code error} NOT_AUTHENTICATED before, both
     * echoing the id. The way to check that nothing (else) arrived, instead of waiting a while.
     */
    public List<JsonObject> framesBeforeBarrier() {
        String id = "barrier-" + BARRIERS.incrementAndGet();
        send("{\"event\":\"leave\",\"id\":\"" + id + "\",\"data\":{\"rooms\":[]}}");
        List<JsonObject> before = new ArrayList<>();
        while (true) {
            JsonObject frame;
            try {
                frame = next();
            } catch (AssertionError e) {
                throw new AssertionError("no answer to the barrier " + id + "; before it " + before, e);
            }
            if (id.equals(frame.getString("id", null))) {
                return before;
            }
            before.add(frame);
        }
    }

    /** Fails if any frame arrived before a barrier round trip (see {@link #framesBeforeBarrier}). */
    public void assertNothingPending(String why) {
        List<JsonObject> before = framesBeforeBarrier();
        if (!before.isEmpty()) {
            throw new AssertionError(why + ": unexpected " + before);
        }
    }

    /** Frames received so far and not yet taken. */
    public List<JsonObject> drainReceived() {
        List<JsonObject> all = new ArrayList<>();
        frames.drainTo(all);
        return all;
    }

    /** The close code the server sent, failing after {@link #WAIT}. */
    public int awaitClose() {
        try {
            return closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection not closed within " + WAIT, e);
        }
    }

    public String closeReason() {
        return closeReason.getNow(null);
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Drops the TCP connection without a close frame. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
