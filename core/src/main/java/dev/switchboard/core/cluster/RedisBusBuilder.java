package dev.switchboard.core.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Settings of a {@link RedisBus}: channel prefix (default {@code switchboard}), serverId (default a
 * random UUID), outbox bound (default 10 000 messages), reconnect backoff (default 100 ms doubling to
 * 5 s), connect/read timeout (default 2 s), subscriber health check (default 5 s) and the bus log a
 * receiving node catches up from (default 10 000 entries per origin, expiring 60 s after the origin's
 * last publish; see {@link BusLog} and {@link CatchUp}). After an outage the outbox waits 1.2 × the backoff
 * maximum once Redis answers, so subscribers have resubscribed before held messages go out. Not thread-safe; use from one thread, then {@link #build()}.
 */
public final class RedisBusBuilder {

    private final RedisAddress address;
    private String prefix = ChannelNames.DEFAULT_PREFIX;
    private String serverId = UUID.randomUUID().toString();
    private int outboxCapacity = 10_000;
    private Duration backoffInitial = Duration.ofMillis(100);
    private Duration backoffMax = Duration.ofSeconds(5);
    private int timeoutMillis = 2_000;
    private Duration healthCheck = Duration.ofSeconds(5);
    private int logSize = DEFAULT_LOG_SIZE;
    private Duration logTtl = DEFAULT_LOG_TTL;

    /** Entries kept per origin in its log stream by default: 50 s of publishing at 200 messages/s. */
    public static final int DEFAULT_LOG_SIZE = 10_000;
    /** How long an origin's log outlives its last publish by default. */
    public static final Duration DEFAULT_LOG_TTL = Duration.ofSeconds(60);

    RedisBusBuilder(RedisAddress address) {
        this.address = address;
    }

    public RedisBusBuilder prefix(String prefix) {
        this.prefix = new ChannelNames(prefix).prefix();
        return this;
    }

    public RedisBusBuilder serverId(String serverId) {
        if (serverId == null || serverId.isEmpty()) {
            throw new IllegalArgumentException("serverId must be non-empty");
        }
        this.serverId = serverId;
        return this;
    }

    /** Messages that may wait while Redis is unreachable; more are dropped and counted. */
    public RedisBusBuilder outboxCapacity(int messages) {
        if (messages < 1) {
            throw new IllegalArgumentException("outbox capacity must be positive");
        }
        this.outboxCapacity = messages;
        return this;
    }

    /** Reconnect delays: the first wait, doubled after each failure up to {@code max}. */
    public RedisBusBuilder backoff(Duration initial, Duration max) {
        this.backoffInitial = Objects.requireNonNull(initial, "initial");
        this.backoffMax = Objects.requireNonNull(max, "max");
        return this;
    }

    /** Connect and command timeout of every Redis connection. */
    public RedisBusBuilder timeout(Duration timeout) {
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        return this;
    }

    /**
     * How often the subscriber connection is pinged (single server only; default 5 s, zero turns it
     * off). A connection that leaves a ping unanswered until the next one is replaced.
     */
    public RedisBusBuilder healthCheck(Duration interval) {
        this.healthCheck = Objects.requireNonNull(interval, "interval");
        return this;
    }

    /**
     * The bus log, how a node that missed messages (cut off from Redis, or a gap in an origin's numbers)
     * fetches them: each origin keeps its last {@code size} messages (approximately: Redis trims whole
     * stream nodes) in {@code <prefix>:log:<origin>}, which expires {@code ttl} after its last publish.
     * A node missing more than that closes the affected local sessions with 4009. A size of 0 turns the
     * log off: no extra Redis commands, and a cut-off node silently misses what was published meanwhile.
     */
    public RedisBusBuilder log(int size, Duration ttl) {
        if (size < 0) {
            throw new IllegalArgumentException("log size must not be negative");
        }
        if (ttl == null || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("log TTL must be at least 1 ms");
        }
        this.logSize = size;
        this.logTtl = ttl;
        return this;
    }

    /** Creates the bus and its publisher thread; call {@link RedisBus#start} to receive. */
    public RedisBus build() {
        return new RedisBus(this);
    }

    RedisAddress address() {
        return address;
    }

    String prefix() {
        return prefix;
    }

    String serverId() {
        return serverId;
    }

    int outboxCapacity() {
        return outboxCapacity;
    }

    Duration backoffInitial() {
        return backoffInitial;
    }

    Duration backoffMax() {
        return backoffMax;
    }

    int timeoutMillis() {
        return timeoutMillis;
    }

    Duration healthCheck() {
        return healthCheck;
    }

    int logSize() {
        return logSize;
    }

    Duration logTtl() {
        return logTtl;
    }

    Backoff newBackoff() {
        return new Backoff(backoffInitial, backoffMax);
    }
}
