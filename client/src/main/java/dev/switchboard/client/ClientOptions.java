package dev.switchboard.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

/** A client's settings, fixed when it is built ({@code encryption}: the built-in end-to-end scheme). Immutable. */
record ClientOptions(URI uri, Duration requestTimeout, Duration heartbeatInterval, Duration connectTimeout,
                     Duration closeTimeout, Map<String, String> headers, HttpClient httpClient, Executor executor,
                     Reconnect reconnect, boolean encryption, boolean batching) {

    /**
     * How a lost connection is re-established (see {@link SwitchboardClientBuilder#reconnect(boolean)}).
     *
     * @param enabled        whether to reconnect at all
     * @param initialDelay   backoff base of the first attempt
     * @param maxDelay       bound of every backoff delay
     * @param maxAttempts    attempts per loss before giving up; {@link Integer#MAX_VALUE}: unlimited
     * @param reauthenticate whether an unrecoverable session is replaced by authenticating anew
     * @param maxQueued      frames kept while disconnected before new ones fail with QUEUE_FULL
     */
    record Reconnect(boolean enabled, Duration initialDelay, Duration maxDelay, int maxAttempts,
                     boolean reauthenticate, int maxQueued) {
    }

    ClientOptions {
        headers = Map.copyOf(headers);
    }

    boolean heartbeats() {
        return heartbeatInterval != null && !heartbeatInterval.isZero() && !heartbeatInterval.isNegative();
    }
}
