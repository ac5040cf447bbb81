package dev.switchboard.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

/** A client's settings, fixed when it is built. Immutable. */
record ClientOptions(URI uri, Duration requestTimeout, Duration heartbeatInterval, Duration connectTimeout,
                     Duration closeTimeout, Map<String, String> headers, HttpClient httpClient, Executor executor) {

    ClientOptions {
        headers = Map.copyOf(headers);
    }

    boolean heartbeats() {
        return heartbeatInterval != null && !heartbeatInterval.isZero() && !heartbeatInterval.isNegative();
    }
}
