package dev.switchboard.standalone.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One loader connection on the JDK's non-blocking {@link WebSocket}: thousands of them share a
 * couple of selector threads. Whole text frames go to the current {@link Handler}; sends are chained,
 * because the JDK client allows one outstanding send per socket.
 *
 * <p>Threads: the JDK delivers one frame at a time per socket (we request the next one after the
 * handler returns), so {@code partial} is confined to that delivery; a server that selected
 * {@value #BATCH} gets its frames split into envelopes before the handler sees them; {@code sendChain} is guarded by
 * {@code this}; {@code handler} is volatile and may be swapped between phases.
 */
final class LoadClient implements WebSocket.Listener {

    /** What a scenario does with each whole inbound frame; called on a JDK client thread, must not block. */
    interface Handler {
        void onFrame(LoadClient client, String frame);

        /** The socket closed or failed; {@code code} is -1 for a failure. */
        default void onClosed(LoadClient client, int code, String reason) {
        }
    }

    /** Offered first unless {@code -Dbench.batch=false}: Switchboard then coalesces queued frames. */
    static final String BATCH = "switchboard.v1+batch";
    static final boolean OFFER_BATCH = !"false".equals(System.getProperty("bench.batch"));

    /** Text frames and envelopes received by every loader socket, to show what coalescing changed on the wire. */
    static final java.util.concurrent.atomic.LongAdder FRAMES = new java.util.concurrent.atomic.LongAdder();
    static final java.util.concurrent.atomic.LongAdder ENVELOPES = new java.util.concurrent.atomic.LongAdder();

    final int index;
    /** Set for a Socket.IO server: frames are rewritten both ways ({@link SocketIoWire}). */
    private final SocketIoWire socketIo;
    private volatile boolean batched;
    private volatile Handler handler;
    private volatile WebSocket socket;
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private LoadClient(int index, Handler handler, SocketIoWire socketIo) {
        this.index = index;
        this.handler = handler;
        this.socketIo = socketIo;
    }

    /**
     * Opens a connection; the future completes once the handshake is done.
     *
     * @param socketIo whether the server speaks Socket.IO (the bench's Switchboard frames are then rewritten)
     */
    static CompletableFuture<LoadClient> open(HttpClient http, URI uri, int index, Handler handler, boolean socketIo) {
        LoadClient client = new LoadClient(index, handler, socketIo ? new SocketIoWire() : null);
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (OFFER_BATCH && !socketIo) {
            builder.subprotocols(BATCH, "switchboard.v1");
        }
        return builder.buildAsync(uri, client).thenApply(socket -> {
            client.socket = socket;
            return client;
        });
    }

    Handler handler() {
        return handler;
    }

    void handler(Handler next) {
        handler = next;
    }

    /** Queues {@code text} (one of {@link Frames}' frames) behind this socket's previous sends. */
    void send(String text) {
        sendAsIs(socketIo == null ? text : socketIo.outbound(text));
    }

    private void sendAsIs(String text) {
        synchronized (this) {
            sendChain = sendChain.thenCompose(ignored -> socket.sendText(text, true)).exceptionally(error -> {
                fail(error);
                return null;
            });
        }
    }

    /** Starts a normal close (1000); {@link #closed()} completes when the server has answered. */
    void close() {
        synchronized (this) {
            sendChain = sendChain.thenCompose(ignored -> socket.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                    .exceptionally(error -> {
                        socket.abort();
                        closed.complete(-1);
                        return null;
                    });
        }
    }

    /** Drops the TCP connection at once (cleanup after a failure). */
    void abort() {
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
        closed.complete(-1);
    }

    /** The close code the connection ended with (-1 after a failure). */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        batched = BATCH.equals(webSocket.getSubprotocol());
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else if (partial.isEmpty()) {
            deliver(data.toString());
        } else {
            String whole = partial.append(data).toString();
            partial.setLength(0);
            deliver(whole);
        }
        webSocket.request(1);
        return null;
    }

    private void deliver(String text) {
        if (socketIo != null) {
            SocketIoWire.Inbound inbound = socketIo.inbound(text);
            if (inbound.reply() != null) {
                sendAsIs(inbound.reply());
            }
            if (inbound.frame() == null) {
                return;
            }
            text = inbound.frame();
        }
        FRAMES.increment();
        if (!batched || text.indexOf('\n') < 0) {
            ENVELOPES.increment();
            handler.onFrame(this, text);
            return;
        }
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end;
            if (stop > start) {
                ENVELOPES.increment();
                handler.onFrame(this, text.substring(start, stop));
            }
            start = stop + 1;
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (Boolean.getBoolean("bench.debug")) {
            System.err.println(System.currentTimeMillis() + " client " + index + " closed: " + statusCode + " " + reason);
        }
        if (closed.complete(statusCode)) {
            handler.onClosed(this, statusCode, reason);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail(error);
    }

    private void fail(Throwable error) {
        if (Boolean.getBoolean("bench.debug")) {
            System.err.println(System.currentTimeMillis() + " client " + index + " failed: " + error);
        }
        if (closed.complete(-1)) {
            handler.onClosed(this, -1, String.valueOf(error));
        }
    }
}
