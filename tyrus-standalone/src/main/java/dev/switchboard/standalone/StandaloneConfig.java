package dev.switchboard.standalone;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The standalone server's settings, read from environment variables and, optionally, the same keys
 * in a properties file named by {@code SWITCHBOARD_CONFIG} (the environment wins). Immutable.
 *
 * @param host              interface to bind, and only that one
 * @param port              port for WebSocket and plain HTTP; 0 picks a free one
 * @param path              the WebSocket path
 * @param authSecret        HS256 secret of the built-in JWT authenticator, or {@code null} to generate one
 * @param roomsAllow        rooms clients may join by name, or {@code null}: no client joins
 * @param defaultRooms      rooms every client joins on authentication
 * @param authTimeout       time to authenticate before close 4001
 * @param heartbeatInterval period of the inactivity sweep
 * @param heartbeatTimeout  inactivity before close 4002
 * @param maxMessageBytes   largest inbound text frame; larger → close 1009
 * @param debug             colored debug log of connections, events and errors
 */
public record StandaloneConfig(String host,
                               int port,
                               String path,
                               String authSecret,
                               Pattern roomsAllow,
                               List<String> defaultRooms,
                               Duration authTimeout,
                               Duration heartbeatInterval,
                               Duration heartbeatTimeout,
                               int maxMessageBytes,
                               boolean debug) {

    public static final String CONFIG_FILE = "SWITCHBOARD_CONFIG";

    public StandaloneConfig {
        defaultRooms = List.copyOf(defaultRooms);
    }

    /** Reads the process environment (and the properties file it names). */
    public static StandaloneConfig fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * Reads settings from {@code env}, falling back to the properties file named by
     * {@value #CONFIG_FILE}, then to the defaults.
     *
     * @throws IllegalArgumentException naming the key when a value is malformed or the file unreadable
     */
    public static StandaloneConfig from(Map<String, String> env) {
        Map<String, String> settings = new HashMap<>();
        String file = env.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            settings.putAll(readProperties(Path.of(file)));
        }
        env.forEach((key, value) -> {
            if (key.startsWith("SWITCHBOARD_")) {
                settings.put(key, value);
            }
        });
        Settings s = new Settings(settings);
        String path = s.text("SWITCHBOARD_PATH", "/ws");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("SWITCHBOARD_PATH must start with '/', was '" + path + "'");
        }
        return new StandaloneConfig(
                s.text("SWITCHBOARD_HOST", "127.0.0.1"),
                s.integer("SWITCHBOARD_PORT", 8080, 0, 65535),
                path,
                s.text("SWITCHBOARD_AUTH_SECRET", null),
                s.pattern("SWITCHBOARD_ROOMS_ALLOW"),
                s.list("SWITCHBOARD_DEFAULT_ROOMS", List.of("ws-default", "ws-notification")),
                Duration.ofMillis(s.integer("SWITCHBOARD_AUTH_TIMEOUT_MS", 5_000, 1, Integer.MAX_VALUE)),
                Duration.ofMillis(s.integer("SWITCHBOARD_HEARTBEAT_INTERVAL_MS", 30_000, 1, Integer.MAX_VALUE)),
                Duration.ofMillis(s.integer("SWITCHBOARD_HEARTBEAT_TIMEOUT_MS", 90_000, 1, Integer.MAX_VALUE)),
                s.integer("SWITCHBOARD_MAX_MESSAGE_BYTES", 64 * 1024, 1, Integer.MAX_VALUE),
                s.bool("SWITCHBOARD_DEBUG"));
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(CONFIG_FILE + " names '" + file + "', which cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).trim()));
        return values;
    }

    /** Typed reads of one settings map, each failing with the key's name. */
    private record Settings(Map<String, String> values) {

        String text(String key, String fallback) {
            String value = values.get(key);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        int integer(String key, int fallback, int min, int max) {
            String value = text(key, null);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // reported below with the accepted range
            }
            throw new IllegalArgumentException(key + " must be an integer from " + min + " to " + max + ", was '" + value + "'");
        }

        boolean bool(String key) {
            String value = text(key, "false").toLowerCase(java.util.Locale.ROOT);
            return switch (value) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
            };
        }

        Pattern pattern(String key) {
            String value = text(key, null);
            if (value == null) {
                return null;
            }
            try {
                return Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(key + " is not a valid regular expression: " + e.getDescription(), e);
            }
        }

        List<String> list(String key, List<String> fallback) {
            String value = values.get(key);
            if (value == null) {
                return fallback;
            }
            return Arrays.stream(value.split(",")).map(String::trim).filter(room -> !room.isEmpty()).toList();
        }
    }
}
