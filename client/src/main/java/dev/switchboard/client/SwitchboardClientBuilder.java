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

    public SwitchboardClient build() {
        return new SwitchboardClient(new ClientOptions(uri, requestTimeout, heartbeatInterval, connectTimeout,
                closeTimeout, headers, httpClient, executor));
    }
}
