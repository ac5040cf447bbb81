package dev.switchboard.core.hub;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Abuse limits, each with a documented answer that affects only the client that passed it. A
 * value of 0 turns a connection count limit off. Immutable; change it with the withers, e.g.
 * {@code Limits.defaults().messageRate(20, 40).maxConnectionsPerUser(5)}.
 *
 * @param messagesPerSecond        token-bucket refill rate of client frames per socket (every frame counts,
 *                                 heartbeats too); 0 turns rate limiting off
 * @param messageBurst             bucket size: frames a client may send at once
 * @param floodLimit               refused frames a client may owe before its socket is closed with 1008; each
 *                                 refused frame is debt the refill must repay before frames are admitted again
 * @param maxAuthAttempts          {@code authenticate} and {@code resume} frames one socket may send (a refused
 *                                 resume leaves it free to try again); the next one is refused and closes 1008
 * @param maxConnectionsPerUser    authenticated (or authenticating) sockets one user may hold on this node;
 *                                 suspended sessions do not count; 0: no limit
 * @param maxConnectionsPerAddress open sockets from one client address on this node; 0: no limit
 * @param maxConnections           open sockets on this node; 0: no limit
 * @param proxyHeader              header naming the client address ({@code X-Forwarded-For} style, the rightmost
 *                                 address not itself a trusted proxy), honoured only from {@code trustedProxies};
 *                                 null: the peer address is the client's
 * @param trustedProxies           peer IP addresses whose {@code proxyHeader} is believed
 */
public record Limits(int messagesPerSecond,
                     int messageBurst,
                     int floodLimit,
                     int maxAuthAttempts,
                     int maxConnectionsPerUser,
                     int maxConnectionsPerAddress,
                     int maxConnections,
                     String proxyHeader,
                     Set<String> trustedProxies) {

    public static final int DEFAULT_MESSAGES_PER_SECOND = 100;
    public static final int DEFAULT_MESSAGE_BURST = 500;
    public static final int DEFAULT_FLOOD_LIMIT = 500;
    public static final int DEFAULT_MAX_AUTH_ATTEMPTS = 5;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_USER = 100;

    public Limits {
        if (messagesPerSecond < 0 || messageBurst < 1 || floodLimit < 0 || maxAuthAttempts < 1
                || maxConnectionsPerUser < 0 || maxConnectionsPerAddress < 0 || maxConnections < 0) {
            throw new IllegalArgumentException("limits must not be negative, and messageBurst and maxAuthAttempts"
                    + " must be at least 1: " + this);
        }
        trustedProxies = trustedProxies == null ? Set.of() : Set.copyOf(trustedProxies);
        proxyHeader = proxyHeader == null || proxyHeader.isBlank() ? null : proxyHeader.trim().toLowerCase(Locale.ROOT);
        if (proxyHeader == null && !trustedProxies.isEmpty()) {
            throw new IllegalArgumentException("trusted proxies are set but no proxy header");
        }
    }

    /** 100 frames/s, burst 500, flood limit 500, 5 auth attempts, 100 sockets per user; no address or node limit. */
    public static Limits defaults() {
        return new Limits(DEFAULT_MESSAGES_PER_SECOND, DEFAULT_MESSAGE_BURST, DEFAULT_FLOOD_LIMIT,
                DEFAULT_MAX_AUTH_ATTEMPTS, DEFAULT_MAX_CONNECTIONS_PER_USER, 0, 0, null, Set.of());
    }

    /**
     * No rate, flood or connection limit; only the {@value #DEFAULT_MAX_AUTH_ATTEMPTS} authentication attempts
     * per socket remain. For trusted networks and benchmarks.
     */
    public static Limits none() {
        return new Limits(0, 1, 0, DEFAULT_MAX_AUTH_ATTEMPTS, 0, 0, 0, null, Set.of());
    }

    /** {@code perSecond} frames per socket with bursts of {@code burst}; 0 per second turns it off. */
    public Limits messageRate(int perSecond, int burst) {
        return with(draft -> {
            draft.messagesPerSecond = perSecond;
            draft.messageBurst = burst;
        });
    }

    public Limits floodLimit(int refusedFrames) {
        return with(draft -> draft.floodLimit = refusedFrames);
    }

    public Limits maxAuthAttempts(int attempts) {
        return with(draft -> draft.maxAuthAttempts = attempts);
    }

    public Limits maxConnectionsPerUser(int sockets) {
        return with(draft -> draft.maxConnectionsPerUser = sockets);
    }

    public Limits maxConnectionsPerAddress(int sockets) {
        return with(draft -> draft.maxConnectionsPerAddress = sockets);
    }

    public Limits maxConnections(int sockets) {
        return with(draft -> draft.maxConnections = sockets);
    }

    /** Believe {@code header} (e.g. {@code X-Forwarded-For}) on sockets whose peer is one of {@code proxies}. */
    public Limits trustedProxy(String header, Collection<String> proxies) {
        return with(draft -> {
            draft.proxyHeader = header;
            draft.trustedProxies = Set.copyOf(proxies);
        });
    }

    /** A copy with the fields {@code change} sets; the canonical constructor validates the result. */
    private Limits with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return new Limits(draft.messagesPerSecond, draft.messageBurst, draft.floodLimit, draft.maxAuthAttempts,
                draft.maxConnectionsPerUser, draft.maxConnectionsPerAddress, draft.maxConnections,
                draft.proxyHeader, draft.trustedProxies);
    }

    /** The mutable fields of one wither call, confined to it. */
    private static final class Draft {
        int messagesPerSecond;
        int messageBurst;
        int floodLimit;
        int maxAuthAttempts;
        int maxConnectionsPerUser;
        int maxConnectionsPerAddress;
        int maxConnections;
        String proxyHeader;
        Set<String> trustedProxies;

        Draft(Limits from) {
            messagesPerSecond = from.messagesPerSecond;
            messageBurst = from.messageBurst;
            floodLimit = from.floodLimit;
            maxAuthAttempts = from.maxAuthAttempts;
            maxConnectionsPerUser = from.maxConnectionsPerUser;
            maxConnectionsPerAddress = from.maxConnectionsPerAddress;
            maxConnections = from.maxConnections;
            proxyHeader = from.proxyHeader;
            trustedProxies = from.trustedProxies;
        }
    }
}
