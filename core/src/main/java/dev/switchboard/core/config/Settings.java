package dev.switchboard.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code SWITCHBOARD_*} settings from the environment, Java system properties and an optional
 * properties file, with typed reads whose errors name the key. Immutable.
 *
 * <p>Precedence, highest first: environment, system properties, the file named by
 * {@value #CONFIG_FILE}. A blank value counts as unset, except for lists, where it means an empty list.
 */
public final class Settings {

    /** Names a properties file holding the same keys. */
    public static final String CONFIG_FILE = "SWITCHBOARD_CONFIG";
    private static final String PREFIX = "SWITCHBOARD_";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The process environment over the system properties, over the file they name. */
    public static Settings fromEnvironment() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> properties.put(name, System.getProperty(name)));
        Map<String, String> merged = new HashMap<>(properties);
        merged.putAll(System.getenv());
        return from(merged);
    }

    /**
     * The {@code SWITCHBOARD_*} entries of {@code values}, over the file named by {@value #CONFIG_FILE}.
     *
     * @throws IllegalArgumentException when the named file cannot be read
     */
    public static Settings from(Map<String, String> values) {
        Map<String, String> settings = new HashMap<>();
        String file = values.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            settings.putAll(readProperties(Path.of(file.trim())));
        }
        values.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && value != null) {
                settings.put(key, value.trim());
            }
        });
        return new Settings(settings);
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

    /** The value, or {@code null} when unset or blank. */
    private String value(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? null : value;
    }

    public boolean has(String key) {
        return value(key) != null;
    }

    public String text(String key, String fallback) {
        String value = value(key);
        return value == null ? fallback : value;
    }

    public int integer(String key, int fallback, int min, int max) {
        return (int) number(key, fallback, min, max);
    }

    public long number(String key, long fallback, long min, long max) {
        String value = value(key);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException(key + " must be an integer from " + min + " to " + max + ", was '" + value + "'");
    }

    /** A positive number of milliseconds. */
    public Duration millis(String key, Duration fallback) {
        return Duration.ofMillis(number(key, fallback.toMillis(), 1, Integer.MAX_VALUE));
    }

    public boolean bool(String key, boolean fallback) {
        String value = value(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
        };
    }

    /** One of the enum's constants, case-insensitive. */
    public <E extends Enum<E>> E choice(String key, E fallback) {
        String value = value(key);
        if (value == null) {
            return fallback;
        }
        for (E constant : fallback.getDeclaringClass().getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(key + " must be one of " + Arrays.toString(fallback.getDeclaringClass().getEnumConstants())
                + ", was '" + value + "'");
    }

    /** A regular expression, or {@code null} when unset. */
    public Pattern pattern(String key) {
        String value = value(key);
        if (value == null) {
            return null;
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(key + " is not a valid regular expression: " + e.getDescription(), e);
        }
    }

    /** A comma-separated list; set but empty means an empty list. */
    public List<String> list(String key, List<String> fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
