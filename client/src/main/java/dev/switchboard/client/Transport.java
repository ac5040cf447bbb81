package dev.switchboard.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One socket to the server (JDK {@code java.net.http.WebSocket}, subprotocol {@code switchboard.v1},
 * or {@code switchboard.v1+batch} first when batching is on): reassembles text frames, splits a
 * batched frame into its envelopes (separated by {@code \n}), serializes sends through an
 * {@link Outbox}, and reports each envelope and the end of the socket, once, to its {@link Events}. It knows nothing of the protocol, so a later
 * reconnect can replace it under the same client. Thread-safe; the partial-frame buffer is touched
 * only by the socket's listener (one callback at a time), everything else is set once.
 */
final class Transport {

    static final String SUBPROTOCOL = "switchboard.v1";
    /** The same protocol with several envelopes per server frame, one per line. */
    static final String BATCH_SUBPROTOCOL = "switchboard.v1+batch";
    /** Close code reported when the socket failed without a close frame (RFC 6455 "abnormal closure"). */
    static final int ABNORMAL = 1006;

    /** What a transport reports; called on the socket's threads, so implementations must not block. */
    interface Events {
        void onText(Transport transport, String text);

        void onClosed(Transport transport, int code, String reason);

        void onFailure(Transport transport, Throwable error);
    }

    private final Events events;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile WebSocket socket;
    private volatile Outbox outbox;
    private volatile boolean batched;

    private Transport(Events events) {
        this.events = events;
    }

    /** A socket not opened yet; its owner may remember it before any frame can arrive. */
    static Transport create(Events events) {
        return new Transport(events);
    }

    /** Opens this socket (once); the stage fails when the handshake does. */
    CompletableFuture<Transport> open(HttpClient http, URI uri, Map<String, String> headers, Duration connectTimeout,
                                      boolean batching) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(connectTimeout);
        if (batching) {
            builder.subprotocols(BATCH_SUBPROTOCOL, SUBPROTOCOL);
        } else {
            builder.subprotocols(SUBPROTOCOL);
        }
        headers.forEach(builder::header);
        return builder.buildAsync(uri, listener()).thenApply(socket -> {
            attach(socket);
            return this;
        });
    }

    private void attach(WebSocket socket) {
        if (this.socket == null) {
            this.batched = BATCH_SUBPROTOCOL.equals(socket.getSubprotocol());
            this.socket = socket;
            this.outbox = new Outbox(socket);
        }
    }

    /** Queues a text frame; fails once the socket is closed. */
    CompletableFuture<Void> send(String text) {
        return outbox.send(text);
    }

    boolean isOpen() {
        return !ended.get() && socket != null && !socket.isOutputClosed();
    }

    /** Sends a close frame, then drops the connection if the server does not answer within {@code wait}. */
    void close(int code, String reason, Duration wait) {
        WebSocket ws = socket;
        if (ws == null) {
            return;
        }
        ws.sendClose(code, reason)
                .orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        ws.abort();
                    }
                });
        CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!ws.isInputClosed()) {
                ws.abort();
                end(code, reason);
            }
        });
    }

    /** Drops the connection without a close frame and reports it as {@value #ABNORMAL}. */
    void abort(String reason) {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        end(ABNORMAL, reason);
    }

    private void end(int code, String reason) {
        if (ended.compareAndSet(false, true)) {
            Outbox out = outbox;
            if (out != null) {
                out.close(new IllegalStateException("Socket closed (" + code + ")"));
            }
            events.onClosed(this, code, reason);
        }
    }

    /** Reports a whole frame, or each envelope of a batched one (empty lines are skipped). */
    private void deliver(String text) {
        if (!batched || text.indexOf('\n') < 0) {
            events.onText(this, text);
            return;
        }
        int start = 0;
        for (int end = text.indexOf('\n'); start <= text.length(); end = text.indexOf('\n', start)) {
            int stop = end < 0 ? text.length() : end;
            if (stop > start) {
                events.onText(this, text.substring(start, stop));
            }
            start = stop + 1;
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                attach(webSocket);
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    deliver(text);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                end(statusCode, reason);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                if (!ended.get()) {
                    events.onFailure(Transport.this, error);
                }
                end(ABNORMAL, String.valueOf(error.getMessage()));
            }
        };
    }
}
