package dev.switchboard.conformance;

import dev.switchboard.core.auth.JwtAuthenticator;

import java.time.Duration;
import java.util.Map;

/**
 * The settings every container runs the example app with, so each close code can be provoked
 * within a second or two. Containers in another process get them as environment variables; in-JVM
 * containers as system properties (the app reads both).
 */
public final class ExampleAppSettings {

    public static final String SECRET = "conformance-suite-secret-of-at-least-32-bytes";
    public static final String CONNECTION_KEY = "conformance-suite-session-key-32-bytes-long";
    /** Long enough for a cold container's first authentication on a busy machine (JIT, JWT and JSON-B warm-up). */
    public static final long AUTH_TIMEOUT_MS = 3_000;
    public static final long HEARTBEAT_TIMEOUT_MS = 1_500;
    public static final int MAX_MESSAGE_BYTES = 32 * 1024;
    public static final long MAX_QUEUED_BYTES = 64 * 1024;
    /** The one page origin the app accepts WebSocket handshakes from (besides clients that send none). */
    public static final String ALLOWED_ORIGIN = "https://app.example";

    private static final JwtAuthenticator TOKENS = new JwtAuthenticator(SECRET);

    private ExampleAppSettings() {
    }

    public static Map<String, String> values() {
        return Map.ofEntries(
                Map.entry("SWITCHBOARD_AUTH_SECRET", SECRET),
                Map.entry("SWITCHBOARD_AUTH_TIMEOUT_MS", String.valueOf(AUTH_TIMEOUT_MS)),
                Map.entry("SWITCHBOARD_HEARTBEAT_INTERVAL_MS", "200"),
                Map.entry("SWITCHBOARD_HEARTBEAT_TIMEOUT_MS", String.valueOf(HEARTBEAT_TIMEOUT_MS)),
                Map.entry("SWITCHBOARD_MAX_MESSAGE_BYTES", String.valueOf(MAX_MESSAGE_BYTES)),
                Map.entry("SWITCHBOARD_MAX_QUEUED_BYTES", String.valueOf(MAX_QUEUED_BYTES)),
                Map.entry("SWITCHBOARD_CLOSE_TIMEOUT_MS", "1000"),
                Map.entry("SWITCHBOARD_CONNECTION_KEY", CONNECTION_KEY),
                Map.entry("SWITCHBOARD_DISCONNECTION_TTL_MS", "10000"),
                Map.entry("SWITCHBOARD_BUFFER_SIZE", "500"),
                Map.entry("SWITCHBOARD_ALLOWED_ORIGINS", ALLOWED_ORIGIN));
    }

    /** For containers in this JVM. */
    public static void installAsSystemProperties() {
        values().forEach(System::setProperty);
    }

    /** A token the example app accepts for {@code user}. */
    public static String token(String user) {
        return TOKENS.issue(user, Map.of(), Duration.ofMinutes(10));
    }
}
