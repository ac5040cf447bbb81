package dev.switchboard.core.hub;

import dev.switchboard.core.internal.session.SessionTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Whether and how sessions survive a lost socket: the key that signs session tokens, how long a
 * suspended session waits for its client ({@code ttl}), and how many recent messages (count and
 * UTF-8 bytes) each session keeps for replay. Off unless {@link #enabled} is used. Immutable.
 *
 * <pre>{@code
 * Hub.builder().resumption(Resumption.enabled(secret).ttl(Duration.ofMinutes(5)).bufferSize(1000))
 * }</pre>
 */
public final class Resumption {

    /** Shortest accepted connection key: HS256 needs 256 bits. */
    public static final int MIN_KEY_BYTES = 32;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final int DEFAULT_BUFFER_SIZE = 1000;
    public static final long DEFAULT_BUFFER_BYTES = 256 * 1024;
    public static final Duration DEFAULT_HANDOVER_TIMEOUT = Duration.ofSeconds(2);

    private static final Resumption DISABLED = new Resumption(false, null, DEFAULT_TTL, DEFAULT_BUFFER_SIZE,
            DEFAULT_BUFFER_BYTES, DEFAULT_HANDOVER_TIMEOUT);

    private final boolean enabled;
    private final byte[] key;
    private final Duration ttl;
    private final int bufferSize;
    private final long bufferBytes;
    private final Duration handoverTimeout;

    private Resumption(boolean enabled, byte[] key, Duration ttl, int bufferSize, long bufferBytes,
                       Duration handoverTimeout) {
        this.enabled = enabled;
        this.key = key;
        this.ttl = ttl;
        this.bufferSize = bufferSize;
        this.bufferBytes = bufferBytes;
        this.handoverTimeout = handoverTimeout;
    }

    /** No resumption (the default): no token, a lost socket ends the session at once. */
    public static Resumption disabled() {
        return DISABLED;
    }

    /** Resumption with session tokens signed by {@code connectionKey} (at least 32 bytes). */
    public static Resumption enabled(byte[] connectionKey) {
        return new Resumption(true, connectionKey == null ? null : connectionKey.clone(), DEFAULT_TTL,
                DEFAULT_BUFFER_SIZE, DEFAULT_BUFFER_BYTES, DEFAULT_HANDOVER_TIMEOUT);
    }

    /** As {@link #enabled(byte[])} with the key's UTF-8 bytes (at least 32 of them). */
    public static Resumption enabled(String connectionKey) {
        return enabled(connectionKey == null ? null : connectionKey.getBytes(StandardCharsets.UTF_8));
    }

    /** How long a suspended session waits to be resumed (default 5 minutes). */
    public Resumption ttl(Duration ttl) {
        return new Resumption(enabled, key, ttl, bufferSize, bufferBytes, handoverTimeout);
    }

    /** How many recent messages each session keeps for replay (default 1000). */
    public Resumption bufferSize(int messages) {
        return new Resumption(enabled, key, ttl, messages, bufferBytes, handoverTimeout);
    }

    /** How many UTF-8 bytes of recent messages each session keeps for replay (default 256 KiB). */
    public Resumption bufferBytes(long bytes) {
        return new Resumption(enabled, key, ttl, bufferSize, bytes, handoverTimeout);
    }

    /**
     * How long a node waits for the node holding a session to answer a resume it forwarded there
     * (default 2 s); past it the client gets {@code recovered: false}.
     */
    public Resumption handoverTimeout(Duration timeout) {
        return new Resumption(enabled, key, ttl, bufferSize, bufferBytes, timeout);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Duration ttl() {
        return ttl;
    }

    public int bufferSize() {
        return bufferSize;
    }

    public long bufferBytes() {
        return bufferBytes;
    }

    public Duration handoverTimeout() {
        return handoverTimeout;
    }

    byte[] key() {
        return key;
    }

    /**
     * Checks the settings when the hub is built.
     *
     * @throws IllegalArgumentException when enabled without a key, with a key under 32 bytes, or with
     *                                  a non-positive TTL, handover timeout or buffer bound
     */
    public void validate() {
        if (!enabled) {
            return;
        }
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("Resumption is enabled but no connection key is set: "
                    + "pass a secret of at least " + MIN_KEY_BYTES + " bytes to Resumption.enabled(...)");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The resumption connection key is " + key.length
                    + " bytes; HS256 session tokens need at least " + MIN_KEY_BYTES + " bytes");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("Resumption ttl must be a positive duration, was " + ttl);
        }
        if (handoverTimeout == null || handoverTimeout.isNegative() || handoverTimeout.isZero()) {
            throw new IllegalArgumentException("Resumption handoverTimeout must be a positive duration, was "
                    + handoverTimeout);
        }
        if (bufferSize <= 0 || bufferBytes <= 0) {
            throw new IllegalArgumentException("Resumption bufferSize and bufferBytes must be positive");
        }
    }

    /**
     * The token issuer and verifier for these settings, naming {@code serverId} as the sessions'
     * node; only for enabled, validated settings.
     */
    SessionTokens tokens(String serverId) {
        validate();
        return new SessionTokens(key, ttl, serverId);
    }
}
