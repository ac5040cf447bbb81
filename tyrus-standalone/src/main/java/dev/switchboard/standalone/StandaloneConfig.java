package dev.switchboard.standalone;

import dev.switchboard.core.config.HubSettings;
import dev.switchboard.core.config.Settings;
import dev.switchboard.core.endpoint.OriginPolicy;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.HubBuilder;

import javax.net.ssl.SSLContext;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The standalone server's own settings, plus the hub settings every deployment shares (applied by
 * {@link HubSettings}). Read from {@code SWITCHBOARD_*} environment variables, system properties
 * and the properties file named by {@code SWITCHBOARD_CONFIG}. Immutable.
 *
 * @param host       interface to bind, and only that one
 * @param port       port for WebSocket and plain HTTP; 0 picks a free one
 * @param path       the WebSocket path
 * @param authSecret HS256 secret of the built-in JWT authenticator, or {@code null} to generate one
 * @param roomsAllow rooms clients may join by name, or {@code null}: no client joins
 * @param tls        the TLS context from {@code SWITCHBOARD_TLS_KEYSTORE}, or {@code null} for plain ws:// and http://
 * @param origins    which page origins may open a socket ({@code SWITCHBOARD_ALLOWED_ORIGINS})
 * @param settings   everything read, for the hub's keys
 */
public record StandaloneConfig(String host, int port, String path, String authSecret, Pattern roomsAllow,
                               SSLContext tls, OriginPolicy origins, Settings settings) {

    /** Reads the process environment, system properties and the file they name. */
    public static StandaloneConfig fromEnvironment() {
        return of(Settings.fromEnvironment());
    }

    /** Reads {@code values} (and the file named by their {@code SWITCHBOARD_CONFIG}). */
    public static StandaloneConfig from(Map<String, String> values) {
        return of(Settings.from(values));
    }

    /**
     * @throws IllegalArgumentException naming the key when a value is malformed, including the hub's keys
     */
    private static StandaloneConfig of(Settings settings) {
        String path = settings.text("SWITCHBOARD_PATH", "/ws");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("SWITCHBOARD_PATH must start with '/', was '" + path + "'");
        }
        SSLContext tls = TlsKeystore.from(settings);
        StandaloneConfig config = new StandaloneConfig(
                settings.text("SWITCHBOARD_HOST", "127.0.0.1"),
                settings.integer("SWITCHBOARD_PORT", 8080, 0, 65535),
                path,
                settings.text("SWITCHBOARD_AUTH_SECRET", null),
                settings.pattern("SWITCHBOARD_ROOMS_ALLOW"),
                tls,
                OriginPolicy.from(settings),
                settings);
        config.applyTo(Hub.builder());
        return config;
    }

    /** Whether the hub's bus is on Redis ({@code SWITCHBOARD_REDIS_URL}), so readiness includes it. */
    boolean redis() {
        return settings.has("SWITCHBOARD_REDIS_URL");
    }

    /** Applies the hub's keys to {@code builder}. */
    HubBuilder applyTo(HubBuilder builder) {
        return HubSettings.apply(settings, builder);
    }
}
