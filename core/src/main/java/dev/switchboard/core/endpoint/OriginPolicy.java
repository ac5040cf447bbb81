package dev.switchboard.core.endpoint;

import dev.switchboard.core.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which {@code Origin} headers may open a WebSocket (the defence against cross-site WebSocket
 * hijacking). Origins are compared exactly after normalisation: lowercase scheme and host, the
 * default port of {@code http}/{@code ws} (80) and {@code https}/{@code wss} (443) stripped. A
 * handshake without {@code Origin} (a non-browser client) passes unless the policy requires one.
 * Tyrus and Jetty answer a refusal from {@code HubConfigurator.checkOrigin} with 403; Undertow
 * (WildFly) takes it for "no handshake" and serves the request as plain HTTP (404) unless a servlet
 * filter answers 403, as the example WAR's {@code OriginFilter} does.
 *
 * <p>From settings: {@value #ALLOWED_ORIGINS} (comma-separated origins, or {@code *} for any) and
 * {@value #REQUIRE_ORIGIN}. Unset, every origin is allowed and a one-time WARN says production
 * should set the list. Immutable; the once-per-JVM log lines are guarded by static atomic flags.
 */
public final class OriginPolicy {

    public static final String ALLOWED_ORIGINS = "SWITCHBOARD_ALLOWED_ORIGINS";
    public static final String REQUIRE_ORIGIN = "SWITCHBOARD_REQUIRE_ORIGIN";
    public static final String ANY = "*";

    private static final Logger LOG = LoggerFactory.getLogger(OriginPolicy.class);
    private static final AtomicBoolean WARNED_UNSET = new AtomicBoolean();
    private static final AtomicBoolean WARNED_ANY = new AtomicBoolean();
    private static final AtomicBoolean REFUSAL_LOGGED = new AtomicBoolean();
    private static final int LOGGED_CHARS = 120;

    private final Set<String> allowed;
    private final boolean any;
    private final boolean requireOrigin;

    private OriginPolicy(Set<String> allowed, boolean any, boolean requireOrigin) {
        this.allowed = allowed;
        this.any = any;
        this.requireOrigin = requireOrigin;
    }

    /**
     * The policy the settings describe, logging a WARN (once per JVM) when they allow any origin.
     *
     * @throws IllegalArgumentException naming the key when an entry is not an origin
     */
    public static OriginPolicy from(Settings settings) {
        boolean require = settings.bool(REQUIRE_ORIGIN, false);
        List<String> entries = settings.list(ALLOWED_ORIGINS, null);
        if (entries == null) {
            if (WARNED_UNSET.compareAndSet(false, true)) {
                LOG.warn("{} is not set: WebSocket handshakes from any Origin are accepted. "
                        + "Production should set it to the origins of its pages.", ALLOWED_ORIGINS);
            }
            return new OriginPolicy(Set.of(), true, require);
        }
        if (entries.contains(ANY)) {
            if (entries.size() > 1) {
                throw new IllegalArgumentException(ALLOWED_ORIGINS + ": '*' allows every origin and cannot be combined with other entries");
            }
            if (WARNED_ANY.compareAndSet(false, true)) {
                LOG.warn("{}=* : WebSocket handshakes from any Origin are accepted, by explicit choice", ALLOWED_ORIGINS);
            }
            return anyOrigin(require);
        }
        try {
            return allowing(entries, require);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ALLOWED_ORIGINS + ": " + e.getMessage(), e);
        }
    }

    /** Every origin, e.g. for tests or a server behind a proxy that checks origins itself. */
    public static OriginPolicy anyOrigin(boolean requireOrigin) {
        return new OriginPolicy(Set.of(), true, requireOrigin);
    }

    /**
     * Exactly these origins ({@code scheme://host[:port]}); an empty collection allows no browser page.
     *
     * @throws IllegalArgumentException when an entry is not an origin
     */
    public static OriginPolicy allowing(Collection<String> origins, boolean requireOrigin) {
        Set<String> normalised = new LinkedHashSet<>();
        for (String origin : origins) {
            String canonical = normalise(origin);
            if (canonical == null) {
                throw new IllegalArgumentException("'" + origin + "' is not an origin: expected scheme://host[:port], "
                        + "without path, query or user info (e.g. https://app.example.com or http://localhost:8080)");
            }
            normalised.add(canonical);
        }
        return new OriginPolicy(Set.copyOf(normalised), false, requireOrigin);
    }

    /** Whether a handshake with this {@code Origin} header value (null or blank: none sent) may proceed. */
    public boolean allows(String originHeader) {
        boolean allowedNow;
        if (originHeader == null || originHeader.isBlank()) {
            allowedNow = !requireOrigin;
        } else {
            String origin = normalise(originHeader);
            allowedNow = any || (origin != null && allowed.contains(origin));
        }
        if (!allowedNow) {
            logRefusal(originHeader);
        }
        return allowedNow;
    }

    /** The normalised allow-list; empty when any origin is allowed. */
    public Set<String> allowed() {
        return allowed;
    }

    public boolean allowsAnyOrigin() {
        return any;
    }

    public boolean requiresOrigin() {
        return requireOrigin;
    }

    /**
     * {@code scheme://host[:port]} in lowercase with the scheme's default port left out, or
     * {@code null} when the text is not a serialised origin (the opaque origin {@code null} included).
     */
    public static String normalise(String origin) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port > 65_535) {
            return null;
        }
        if (port == defaultPort(scheme)) {
            port = -1;
        }
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -2;
        };
    }

    /** The JVM's first refusal is a WARN, later ones DEBUG: a hostile page must not flood the log. */
    private void logRefusal(String originHeader) {
        String shown = originHeader == null ? "none" : printable(originHeader);
        if (REFUSAL_LOGGED.compareAndSet(false, true)) {
            LOG.warn("Refused a WebSocket handshake from Origin {} (not in {}); further refusals are logged at DEBUG",
                    shown, ALLOWED_ORIGINS);
        } else {
            LOG.debug("Refused a WebSocket handshake from Origin {}", shown);
        }
    }

    private static String printable(String text) {
        StringBuilder shown = new StringBuilder("'");
        for (int i = 0; i < text.length() && i < LOGGED_CHARS; i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return shown.append(text.length() > LOGGED_CHARS ? "...'" : "'").toString();
    }

    @Override
    public String toString() {
        return any ? "any origin" : "origins " + allowed + (requireOrigin ? ", Origin required" : "");
    }
}
