package dev.switchboard.core.hub;

import dev.switchboard.api.Authenticator;
import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ConnectionListener;
import dev.switchboard.api.HandshakeHandler;
import dev.switchboard.api.InboundTransformer;
import dev.switchboard.api.OutboundTransformer;
import dev.switchboard.api.encryption.EncryptionMode;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.MethodProvider;
import dev.switchboard.api.OverflowPolicy;
import dev.switchboard.api.PresenceStore;
import dev.switchboard.api.RoomValidator;
import dev.switchboard.core.cluster.InMemoryBus;
import dev.switchboard.core.cluster.InMemoryPresenceStore;
import dev.switchboard.core.cluster.RedisAddress;
import dev.switchboard.core.cluster.RedisBus;
import dev.switchboard.core.cluster.RedisBusBuilder;
import dev.switchboard.core.cluster.RedisPresenceStore;
import dev.switchboard.core.internal.crypto.Encryption;
import dev.switchboard.core.internal.hub.Hooks;
import dev.switchboard.core.internal.metrics.MetricsFactory;
import dev.switchboard.core.hub.Resumption;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds a {@link Hub}. Hooks left unset are looked up with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/<interface name>}) unless discovery is turned off; an
 * {@link Authenticator} is required. Not thread-safe; use from one thread.
 */
public final class HubBuilder {
    static final int PRESENCE_LEASE_SECONDS = 10;

    private Authenticator<?, ?> authenticator;
    private Type credentialsType;
    private RoomValidator roomValidator;
    private MessageHandler messageHandler;
    private final List<ConnectionListener> listeners = new ArrayList<>();
    private final List<MethodProvider> methodProviders = new ArrayList<>();
    private boolean discover = true;
    private ClassLoader classLoader;
    private List<String> defaultRooms = HubConfig.DEFAULT_ROOMS;
    private Duration authTimeout = HubConfig.defaults().authTimeout();
    private Duration heartbeatInterval = HubConfig.defaults().heartbeatInterval();
    private Duration heartbeatTimeout = HubConfig.defaults().heartbeatTimeout();
    private int maxMessageBytes = HubConfig.defaults().maxMessageBytes();
    private long maxQueuedBytes = HubConfig.defaults().maxQueuedBytes();
    private OverflowPolicy overflowPolicy = HubConfig.defaults().overflowPolicy();
    private Duration closeTimeout = HubConfig.defaults().closeTimeout();
    private int maxRoomsPerClient = HubConfig.defaults().maxRoomsPerClient();
    private Duration requestTimeout = HubConfig.defaults().requestTimeout();
    private int maxInFlightRequests = HubConfig.defaults().maxInFlightRequests();
    private boolean debug;
    private Resumption resumption = Resumption.disabled();
    private Limits limits = Limits.defaults();
    private Object meterRegistry;
    private ClusterBus bus;
    private PresenceStore presence;
    private RedisBusBuilder redisBus;
    private String redisUrl;
    private String redisPrefix;
    private EncryptionMode encryptionMode = EncryptionMode.OPTIONAL;
    private int encryptedBatchLimit = Encryption.DEFAULT_BATCH_LIMIT;
    private HandshakeHandler handshakeHandler;
    private OutboundTransformer outboundTransformer;
    private InboundTransformer inboundTransformer;
    private Pattern presenceRooms;

    HubBuilder() {
    }

    /** The authenticator; its credentials type is read from the class's type arguments (a Map if none). */
    public HubBuilder authenticator(Authenticator<?, ?> authenticator) {
        this.authenticator = authenticator;
        this.credentialsType = null;
        return this;
    }

    /** The authenticator with an explicit credentials type, e.g. for lambdas. */
    public <P> HubBuilder authenticator(Class<P> credentialsType, Authenticator<P, ?> authenticator) {
        this.authenticator = authenticator;
        this.credentialsType = credentialsType;
        return this;
    }

    public HubBuilder roomValidator(RoomValidator roomValidator) {
        this.roomValidator = roomValidator;
        return this;
    }

    public HubBuilder messageHandler(MessageHandler messageHandler) {
        this.messageHandler = messageHandler;
        return this;
    }

    /** Adds a listener; listeners found by ServiceLoader are added too. */
    public HubBuilder listener(ConnectionListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Adds a group of methods; providers found by ServiceLoader are added too. */
    public HubBuilder methods(MethodProvider provider) {
        methodProviders.add(provider);
        return this;
    }

    /** Whether unset hooks are looked up with ServiceLoader (default true). */
    public HubBuilder discoverHooks(boolean discover) {
        this.discover = discover;
        return this;
    }

    /** Class loader for discovery; default: the thread's context class loader. */
    public HubBuilder classLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
        return this;
    }

    public HubBuilder defaultRooms(Collection<String> rooms) {
        this.defaultRooms = List.copyOf(rooms);
        return this;
    }

    public HubBuilder authTimeout(Duration timeout) {
        this.authTimeout = timeout;
        return this;
    }

    public HubBuilder heartbeatInterval(Duration interval) {
        this.heartbeatInterval = interval;
        return this;
    }

    public HubBuilder heartbeatTimeout(Duration timeout) {
        this.heartbeatTimeout = timeout;
        return this;
    }

    public HubBuilder maxMessageBytes(int bytes) {
        this.maxMessageBytes = bytes;
        return this;
    }

    public HubBuilder maxQueuedBytes(long bytes) {
        this.maxQueuedBytes = bytes;
        return this;
    }

    public HubBuilder overflowPolicy(OverflowPolicy policy) {
        this.overflowPolicy = policy;
        return this;
    }

    public HubBuilder closeTimeout(Duration timeout) {
        this.closeTimeout = timeout;
        return this;
    }

    public HubBuilder maxRoomsPerClient(int rooms) {
        this.maxRoomsPerClient = rooms;
        return this;
    }

    /** Default time a method has to answer, in either direction (default 30 s). */
    public HubBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** RPC requests in flight per connection and direction (default 64); more are refused with TOO_MANY_REQUESTS. */
    public HubBuilder maxInFlightRequests(int requests) {
        this.maxInFlightRequests = requests;
        return this;
    }

    /**
     * Reconnection that loses nothing: session tokens, per-session sequence numbers and replay,
     * suspension for a TTL. Off by default; e.g. {@code resumption(Resumption.enabled(secret))}.
     */
    public HubBuilder resumption(Resumption resumption) {
        this.resumption = resumption;
        return this;
    }

    /**
     * The cluster bus this node delivers through (default: a lone in-memory bus, a single-node
     * cluster). The hub starts it when built and closes it on {@link Hub#shutdown()}.
     */
    public HubBuilder cluster(ClusterBus bus) {
        this.bus = bus;
        return this;
    }

    /**
     * Where room members and online users are recorded for {@link Hub#presence} and
     * {@link Hub#isOnline}. Default: with a {@link #cluster} bus, an in-memory store of this node's
     * entries; with no bus either, none: the hub answers from its own room and user indexes, so a
     * connection costs no second copy of its memberships. Closed on {@link Hub#shutdown()}.
     */
    public HubBuilder presence(PresenceStore store) {
        this.presence = store;
        return this;
    }

    /**
     * Joins the cluster on the Redis at {@code url} (see {@link RedisAddress}): a {@link RedisBus} and
     * a {@link RedisPresenceStore} (lease {@value #PRESENCE_LEASE_SECONDS} s) under {@code prefix}
     * ({@code null}: {@code switchboard}) with one serverId, created by {@link #build()}. A bus or
     * store set with {@link #cluster}/{@link #presence} takes precedence.
     *
     * @throws IllegalArgumentException for a malformed URL or prefix
     */
    public HubBuilder redis(String url, String prefix) {
        RedisBusBuilder builder = RedisBus.builder(url);
        if (prefix != null) {
            builder.prefix(prefix);
        }
        this.redisBus = builder;
        this.redisUrl = url;
        this.redisPrefix = prefix;
        return this;
    }

    /**
     * Per-client end-to-end encryption ({@code docs/encryption.md}): {@code OFF}, {@code OPTIONAL}
     * (default: clients that offer a key get it) or {@code REQUIRED} (others are closed with 4004).
     */
    public HubBuilder encryption(EncryptionMode mode) {
        this.encryptionMode = mode;
        return this;
    }

    /** At most this many concurrent seals per fan-out (default 10, at least 1). */
    public HubBuilder encryptedBatchLimit(int limit) {
        this.encryptedBatchLimit = limit;
        return this;
    }

    /** Abuse limits (default {@link Limits#defaults()}); see the README's limits table for each answer. */
    public HubBuilder limits(Limits limits) {
        this.limits = limits;
        return this;
    }

    /**
     * Rooms with presence: a member of a room whose whole name matches may ask who is in it (every
     * node's clients with their user ids), and its members get {@code presence} events as clients
     * join and leave. Default: none ({@code null}), since each change is pushed to every member.
     */
    public HubBuilder presenceRooms(Pattern rooms) {
        this.presenceRooms = rooms;
        return this;
    }

    /**
     * A custom scheme's key exchange (default: the built-in {@code switchboard/v1}); also found by
     * ServiceLoader. A custom scheme needs an {@link OutboundTransformer}; required mode with one
     * needs this hook.
     */
    public HubBuilder handshakeHandler(HandshakeHandler handler) {
        this.handshakeHandler = handler;
        return this;
    }

    /** A custom scheme's sealing of outbound frames; also found by ServiceLoader. */
    public HubBuilder outboundTransformer(OutboundTransformer transformer) {
        this.outboundTransformer = transformer;
        return this;
    }

    /** A custom scheme's opening of {@code encrypted} client frames; also found by ServiceLoader. */
    public HubBuilder inboundTransformer(InboundTransformer transformer) {
        this.inboundTransformer = transformer;
        return this;
    }

    /**
     * As {@link #presenceRooms(Pattern)} with a regular expression, e.g. {@code "lobby|chat-.*"}.
     *
     * @throws java.util.regex.PatternSyntaxException for a malformed expression
     */
    public HubBuilder presenceRooms(String regex) {
        return presenceRooms(regex == null ? null : Pattern.compile(regex));
    }

    /**
     * The cluster log of a bus built by {@link #redis}: how many of its messages each node keeps for
     * others to catch up from, and how long after its last publish the log expires (see
     * {@link RedisBusBuilder#log}). Defaults: {@value RedisBusBuilder#DEFAULT_LOG_SIZE} entries, 60 s.
     *
     * @throws IllegalStateException when {@link #redis} was not called first
     */
    public HubBuilder clusterLog(int size, Duration ttl) {
        if (redisBus == null) {
            throw new IllegalStateException("clusterLog needs redis(url, prefix) first");
        }
        redisBus.log(size, ttl);
        return this;
    }

    /**
     * Publishes the hub's metrics ({@code switchboard.*}) on a Micrometer registry, e.g. the one a
     * Payara or WildFly application already exposes. Without it nothing is counted and Micrometer
     * need not be on the class path.
     */
    public HubBuilder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
        this.meterRegistry = registry;
        return this;
    }

    public HubBuilder debug(boolean debug) {
        this.debug = debug;
        return this;
    }

    /**
     * @throws IllegalStateException    when no authenticator is set or discovered, discovery finds two of a single
     *                                  hook, or the encryption hooks do not make a scheme (see {@link #handshakeHandler})
     * @throws IllegalArgumentException when a setting is out of range, or resumption is enabled without
     *                                  a connection key of at least 32 bytes
     */
    public Hub build() {
        HubConfig config = new HubConfig(defaultRooms, authTimeout, heartbeatInterval, heartbeatTimeout,
                maxMessageBytes, maxQueuedBytes, overflowPolicy, closeTimeout, maxRoomsPerClient, requestTimeout,
                maxInFlightRequests, debug, resumption, limits);
        ClassLoader loader = classLoader != null ? classLoader
                : Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : Hub.class.getClassLoader();
        Hooks hooks = Hooks.resolve(authenticator, credentialsType, roomValidator, messageHandler, listeners,
                methodProviders, discover, loader);
        Encryption encryption = Encryption.resolve(encryptionMode, encryptedBatchLimit, handshakeHandler,
                outboundTransformer, inboundTransformer, discover, loader);
        ClusterBus clusterBus = bus != null ? bus : redisBus != null ? redisBus.build() : new InMemoryBus();
        // null: a node alone (no bus, no store configured) answers presence from its own indexes
        PresenceStore store = presence != null ? presence : redisBus != null
                ? new RedisPresenceStore(redisUrl, redisPrefix, clusterBus.serverId(),
                        Duration.ofSeconds(PRESENCE_LEASE_SECONDS))
                : bus != null ? new InMemoryPresenceStore(clusterBus.serverId()) : null;
        return new Hub(config, hooks, encryption, clusterBus, store, presenceRooms, MetricsFactory.of(meterRegistry));
    }
}
