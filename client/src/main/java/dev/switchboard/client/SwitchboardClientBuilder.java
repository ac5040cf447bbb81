package dev.switchboard.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Settings of a {@link SwitchboardClient}; get one from {@link SwitchboardClient#builder(URI)}.
 * Not thread-safe; use from one thread.
 */
public final class SwitchboardClientBuilder {

    private final URI uri;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration heartbeatInterval = Duration.ofSeconds(25);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration closeTimeout = Duration.ofSeconds(2);
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpClient httpClient;
    private Executor executor;
    private boolean reconnect = true;
    private boolean batching = true;
    private Duration reconnectInitialDelay = Duration.ofMillis(250);
    private Duration reconnectMaxDelay = Duration.ofSeconds(10);
    private int maxReconnectAttempts = Integer.MAX_VALUE;
    private boolean reauthenticate = true;
    private int maxQueuedWhileDisconnected = 1000;
    private boolean encryption;

    SwitchboardClientBuilder(URI uri) {
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** Default time a request, join or leave waits for its answer (30 s); {@code null} or zero: no limit. */
    public SwitchboardClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** Period of {@code heartbeat} frames (25 s); {@code null} or zero sends none. */
    public SwitchboardClientBuilder heartbeatInterval(Duration interval) {
        this.heartbeatInterval = interval;
        return this;
    }

    /** Limit on the WebSocket opening handshake (10 s). */
    public SwitchboardClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** How long {@link SwitchboardClient#close()} waits for the server's close frame before dropping the socket (2 s). */
    public SwitchboardClientBuilder closeTimeout(Duration timeout) {
        this.closeTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** A header for the opening handshake, e.g. {@code Origin} or a cookie. */
    public SwitchboardClientBuilder header(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The HTTP client whose WebSocket support is used; default: one shared by all clients that set none. */
    public SwitchboardClientBuilder httpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
        return this;
    }

    /**
     * Where callbacks run: event and method handlers (one at a time per client, in order) and future
     * completions. Default: a pool of daemon threads owned by the client, with no thread while idle
     * and a new one only while the others are busy (so a callback may block on the client's own
     * futures), stopped when the client closes. A given executor is not shut down by the client.
     */
    public SwitchboardClientBuilder executor(Executor executor) {
        this.executor = executor;
        return this;
    }

    /**
     * Whether an authenticated client whose connection is lost reconnects by itself (default true):
     * it opens a new socket with exponential backoff, resumes its session ({@code resume} with the
     * last {@code seq} it processed) and, if the session cannot be recovered, authenticates anew
     * (see {@link #reauthenticate}). Which close codes lead to a reconnect is listed on
     * {@link SwitchboardClient}. Requests, emits, joins and leaves made meanwhile are queued.
     */
    public SwitchboardClientBuilder reconnect(boolean reconnect) {
        this.reconnect = reconnect;
        return this;
    }

    /**
     * Whether the client offers {@code switchboard.v1+batch} (default true), so a server that
     * supports it may coalesce several envelopes into one frame (fewer frames on a busy
     * connection); the client splits them and handles each envelope as if it came alone. A server
     * without it selects {@code switchboard.v1}.
     */
    public SwitchboardClientBuilder batching(boolean batching) {
        this.batching = batching;
        return this;
    }

    /**
     * Backoff between reconnect attempts (250 ms, 10 s): attempt {@code n} waits a random time in
     * [b/2, b] with {@code b = min(max, initial * 2^(n-1))} ("equal jitter"), so clients that lost
     * the same server do not return in step and no attempt follows another at once.
     */
    public SwitchboardClientBuilder reconnectDelay(Duration initial, Duration max) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("reconnectDelay needs 0 < initial <= max, was " + initial + ", " + max);
        }
        this.reconnectInitialDelay = initial;
        this.reconnectMaxDelay = max;
        return this;
    }

    /**
     * Attempts after one loss before the client gives up and closes (unlimited by default; the
     * count starts again after each successful resume or re-authentication).
     */
    public SwitchboardClientBuilder maxReconnectAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("maxReconnectAttempts must be at least 1, was " + attempts);
        }
        this.maxReconnectAttempts = attempts;
        return this;
    }

    /**
     * When a session cannot be resumed (expired, messages lost, resumption off on the server),
     * whether the client authenticates again with the credentials that last succeeded and joins
     * again the rooms it had joined (default true). If false it stays connected but not
     * authenticated, and the application calls {@link SwitchboardClient#authenticate} itself.
     */
    public SwitchboardClientBuilder reauthenticate(boolean reauthenticate) {
        this.reauthenticate = reauthenticate;
        return this;
    }

    /**
     * How many outgoing frames (requests, emits, joins, leaves, answers to server requests) are kept
     * while reconnecting (1000); past that they fail at once with {@link SwitchboardClient#QUEUE_FULL}.
     */
    public SwitchboardClientBuilder maxQueuedWhileDisconnected(int frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("maxQueuedWhileDisconnected must not be negative, was " + frames);
        }
        this.maxQueuedWhileDisconnected = frames;
        return this;
    }

    /**
     * End-to-end encryption with the built-in scheme (off by default; {@code docs/encryption.md}):
     * every {@code authenticate} offers a fresh P-256 key, and once {@code connected} answers it,
     * every frame both ways is sealed with the session's AES-256-GCM keys, transparently and across
     * reconnects and resumes. A server that answers without keys is closed with 4004; a server
     * frame that does not open, with 4010.
     */
    public SwitchboardClientBuilder encryption(boolean encryption) {
        this.encryption = encryption;
        return this;
    }

    public SwitchboardClient build() {
        return new SwitchboardClient(new ClientOptions(uri, requestTimeout, heartbeatInterval, connectTimeout,
                closeTimeout, headers, httpClient, executor, new ClientOptions.Reconnect(reconnect,
                reconnectInitialDelay, reconnectMaxDelay, maxReconnectAttempts, reauthenticate,
                maxQueuedWhileDisconnected), encryption, batching));
    }
}
