package dev.switchboard.client;

import java.time.Duration;

/** Told before each reconnect attempt: its number (1, 2, ... per loss) and the backoff before it starts. */
@FunctionalInterface
public interface ReconnectingListener {

    void onReconnecting(int attempt, Duration delay);
}
