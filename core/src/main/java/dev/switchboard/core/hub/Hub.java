package dev.switchboard.core.hub;

import dev.switchboard.api.BusStats;
import dev.switchboard.api.Client;
import dev.switchboard.api.ClientState;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.Interceptor;
import dev.switchboard.api.Messenger;
import dev.switchboard.api.MethodHandler;
import dev.switchboard.api.Methods;
import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.crypto.Encryption;
import dev.switchboard.core.internal.delivery.ClusterDelivery;
import dev.switchboard.core.internal.delivery.LocalDelivery;
import dev.switchboard.core.internal.delivery.Subscriptions;
import dev.switchboard.core.internal.hub.AuthFlow;
import dev.switchboard.core.internal.hub.DebugLog;
import dev.switchboard.core.internal.hub.Hooks;
import dev.switchboard.core.internal.hub.HubContext;
import dev.switchboard.core.internal.hub.InboundRouter;
import dev.switchboard.core.internal.hub.Lifecycle;
import dev.switchboard.core.internal.hub.ResumeFlow;
import dev.switchboard.core.internal.hub.RoomRequests;
import dev.switchboard.core.internal.hub.Sockets;
import dev.switchboard.core.internal.hub.Suspensions;
import dev.switchboard.core.internal.hub.Sweeps;
import dev.switchboard.core.internal.presence.IndexPresence;
import dev.switchboard.core.internal.presence.PresenceRule;
import dev.switchboard.core.internal.presence.RoomPresence;
import dev.switchboard.core.internal.limits.Limiter;
import dev.switchboard.core.internal.metrics.Metrics;
import dev.switchboard.core.internal.relay.HomeRelays;
import dev.switchboard.core.internal.relay.NodeMessages;
import dev.switchboard.core.internal.relay.VisitorRelays;
import dev.switchboard.core.internal.rooms.RoomIndex;
import dev.switchboard.core.internal.rpc.MethodRegistry;
import dev.switchboard.core.internal.rpc.RpcDispatcher;
import dev.switchboard.core.internal.session.StateNamespaces;

import dev.switchboard.api.encryption.EncryptionMode;
import dev.switchboard.api.encryption.SecureChannel;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The container-agnostic session manager, as the application sees it: delivery verbs
 * ({@link Messenger}), method RPC ({@link Methods}, {@link #request}), rooms and lookups, the
 * cluster's presence, and {@link #shutdown()}. Build one with {@link #builder()} and hand it to
 * the endpoint (see {@code dev.switchboard.core.endpoint}), whose adapter opens each socket through
 * {@link #sockets()}.
 *
 * <p>Thread-safe. Mutable state lives in the concurrent indexes and on each connection (a
 * session's sequence numbers, replay buffer and token under its monitor); timers (auth timeout,
 * heartbeat sweep, close timeouts, RPC timeouts, session sweep) share one scheduler thread, whose
 * tasks never block on a socket; messages from other nodes arrive on the bus's threads and are
 * only queued; frames of sessions served through a socket on another node run on relay threads.
 */
public final class Hub implements Messenger, Methods {

    private final HubConfig config;
    private final ConnectionRegistry registry;
    private final RoomIndex rooms;
    private final ScheduledThreadPoolExecutor timers;
    private final ClusterDelivery cluster;
    private final MethodRegistry methods = new MethodRegistry();
    private final RpcDispatcher rpc;
    private final StateNamespaces states = new StateNamespaces();
    private final Suspensions suspensions;
    private final Lifecycle lifecycle;
    private final Sockets sockets;
    private final NodeMessages relays;
    private final ExecutorService relayPool = NodeMessages.newPool();
    private final RoomPresence roomPresence;
    private final PresenceStore presenceStore;
    private final DebugLog debug;
    private final Encryption encryption;
    private final Limiter limiter;
    private final AtomicBoolean shutdown = new AtomicBoolean();

    Hub(HubConfig config, Hooks hooks, Encryption encryption, ClusterBus bus, PresenceStore presence,
        Pattern presenceRooms, Metrics metrics) {
        this.config = config;
        JsonCodec codec = new JsonCodec();
        // presence null: this node is alone; its indexes (the room index built below) are the presence
        Subscriptions subscriptions = presence == null ? Subscriptions.alone() : new Subscriptions(bus, presence);
        this.registry = new ConnectionRegistry(subscriptions);
        this.presenceStore = presence != null ? presence : new IndexPresence(bus.serverId(), registry, this::localMembers);
        this.roomPresence = new RoomPresence(PresenceRule.of(presenceRooms), presenceStore, codec,
                config.maxInFlightRequests(), subscriptions);
        this.rooms = new RoomIndex(roomPresence.observer());
        this.debug = new DebugLog(config.debug());
        this.timers = Lifecycle.newTimers();
        LocalDelivery local = new LocalDelivery(codec, registry, rooms, metrics);
        this.encryption = encryption;
        this.limiter = new Limiter(config.limits(), metrics);
        HubContext context = new HubContext(config, hooks, codec, registry, rooms, local, debug, encryption, metrics,
                limiter);
        this.cluster = new ClusterDelivery(bus, presenceStore, subscriptions, codec, local);
        this.rpc = new RpcDispatcher(codec, methods, timers, config.requestTimeout(), config.maxInFlightRequests(),
                metrics);
        Resumption resumption = config.resumption();
        this.suspensions = new Suspensions(resumption, resumption.isEnabled() ? resumption.tokens(bus.serverId()) : null,
                states, context);
        this.lifecycle = new Lifecycle(context, timers, rpc, suspensions);
        AuthFlow auth = new AuthFlow(context, lifecycle, suspensions);
        VisitorRelays visitors = new VisitorRelays(bus, presenceStore, context, lifecycle, relayPool);
        ResumeFlow resume = new ResumeFlow(bus.serverId(), context, suspensions, lifecycle, visitors);
        InboundRouter router = new InboundRouter(context, auth, resume,
                new RoomRequests(config, hooks.roomValidator(), registry, rooms, roomPresence.queries()), rpc, lifecycle);
        this.sockets = new Sockets(context, lifecycle, suspensions, auth, router, shutdown::get);
        this.relays = new NodeMessages(codec, visitors,
                new HomeRelays(bus, codec, suspensions, resume, sockets, relayPool), relayPool);
        hooks.methodProviders().forEach(provider -> provider.register(methods));
        new Sweeps(context, lifecycle, suspensions, relays::sweep).start(timers);
        roomPresence.start(cluster);
        cluster.start(relays, connection -> lifecycle.terminate(connection, Lifecycle.LIVE, CloseCodes.MESSAGES_LOST,
                "Messages lost, resync", null));
        metrics.bind(this, registry);
    }

    private Set<Connection> localMembers(String room) {
        return rooms.members(room);
    }

    public static HubBuilder builder() {
        return new HubBuilder();
    }

    public HubConfig config() {
        return config;
    }

    /**
     * The endpoint adapter's door: {@code sockets().open(transport, handshake)} registers a socket
     * and returns its handler. For adapters of other containers; applications never need it.
     */
    public Sockets sockets() {
        return sockets;
    }

    // ---- delivery ----

    /** Delivers to every client {@code target} names on every node: the one primitive behind the verbs. */
    @Override
    public void send(ClusterChannel target, String event, Object data, Collection<String> excludeClientIds) {
        cluster.send(target, event, data, excludeClientIds);
    }

    // ---- method RPC ----

    /** Registers a method answered within the default request timeout: {@code hub.method("users:get", ctx -> ...)}. */
    @Override
    public Methods method(String name, MethodHandler handler) {
        return methods.method(name, handler);
    }

    @Override
    public Methods method(String name, Duration timeout, MethodHandler handler) {
        return methods.method(name, timeout, handler);
    }

    /** {@code hub.namespace("users").method("get", ...)} registers {@code users:get}. */
    @Override
    public Methods namespace(String prefix) {
        return methods.namespace(prefix);
    }

    /**
     * Registers a state namespace kept across a suspension (resumption on): {@code save} runs when
     * the session is being suspended, on the thread that noticed the loss (a container, timer or
     * relay thread: keep it quick), on resume {@code validate} (false or a throw refuses the resume
     * with {@code recovered: false} and ends the session) and then {@code restore}, before
     * {@code onResumed} and before the client can send anything on the new socket. None of them
     * runs under a lock the hub's other threads need.
     * {@code save} returning null keeps nothing for that namespace.
     */
    public <S> Hub state(String name, Function<dev.switchboard.api.Client, S> save,
                         BiConsumer<dev.switchboard.api.Client, S> restore, Predicate<S> validate) {
        states.register(name, save, restore, validate);
        return this;
    }

    /** Adds an interceptor run before every method handler, in the order added. */
    public Hub use(Interceptor interceptor) {
        methods.use(interceptor);
        return this;
    }

    /**
     * Calls a method on a client ({@code client.method(...)} in the Java SDK) and completes with its
     * answer decoded to {@code resultType}, or with an {@link dev.switchboard.api.RpcException}:
     * the client's error code, REQUEST_TIMEOUT, DISCONNECTED or TOO_MANY_REQUESTS.
     */
    public <T> CompletableFuture<T> request(String clientId, String method, Object data, Class<T> resultType,
                                            Duration timeout) {
        return rpc.request(registry.client(clientId), method, data, resultType, timeout);
    }

    /** As {@link #request(String, String, Object, Class, Duration)} with the default request timeout. */
    public <T> CompletableFuture<T> request(String clientId, String method, Object data, Class<T> resultType) {
        return request(clientId, method, data, resultType, config.requestTimeout());
    }

    // ---- encryption ----

    /** The hub's encryption mode ({@code SWITCHBOARD_ENCRYPTION}). */
    public EncryptionMode encryptionMode() {
        return encryption.mode();
    }

    /**
     * The optional flow: from its next frame on, this client's frames are sealed by the hub's
     * {@link dev.switchboard.api.OutboundTransformer} and its {@code encrypted} frames opened by the
     * {@link dev.switchboard.api.InboundTransformer}, after a key exchange the application did
     * itself (e.g. a {@code handshake} event). @return false for an unknown client, or encryption off
     */
    public boolean enableEncryption(String clientId) {
        Connection connection = registry.client(clientId);
        return connection != null && encryption.enable(connection);
    }

    /**
     * As {@link #enableEncryption(String)} with the built-in scheme and a channel the application
     * agreed itself (e.g. {@code KeyAnswer.answer(clientKey).channel()} in a {@code handshake}
     * handler); the client owns it from now on and it is wiped with the session.
     *
     * @throws IllegalStateException when the hub uses a custom scheme
     */
    public boolean enableEncryption(String clientId, SecureChannel channel) {
        Connection connection = registry.client(clientId);
        return connection != null && encryption.enable(connection, channel);
    }

    // ---- rooms and lookups ----

    /** Puts an authenticated client in a room (no validator involved). @return true if it was not a member */
    public boolean joinRoom(String clientId, String room) {
        Connection connection = registry.client(clientId);
        return connection != null && rooms.join(connection, room);
    }

    /** @return true if the client was in the room */
    public boolean leaveRoom(String clientId, String room) {
        Connection connection = registry.client(clientId);
        return connection != null && rooms.leave(connection, room);
    }

    /** Ids of the clients in a room on this node. */
    public Set<String> clientsInRoom(String room) {
        return rooms.members(room).stream().map(Connection::id).collect(Collectors.toUnmodifiableSet());
    }

    /** The rooms a client is in, empty if it is unknown. */
    public Set<String> roomsOf(String clientId) {
        Connection connection = registry.client(clientId);
        return connection == null ? Set.of() : connection.rooms();
    }

    public Optional<Client> client(String clientId) {
        return Optional.ofNullable(registry.client(clientId));
    }

    /** A snapshot of the connections on this node, authenticated or not. */
    public List<Client> clients() {
        return List.copyOf(registry.all());
    }

    /** Ids of the user's authenticated clients on this node. */
    public Set<String> clientsOfUser(String userId) {
        return registry.connectionsOf(userId).stream().map(Connection::id).collect(Collectors.toUnmodifiableSet());
    }

    /** Open connections, authenticated or not. */
    public int clientCount() {
        return registry.clientCount();
    }

    /** Users with at least one authenticated connection. */
    public int userCount() {
        return registry.userCount();
    }

    /** Rooms with at least one member. */
    public int roomCount() {
        return rooms.roomCount();
    }

    // ---- the cluster ----

    /** This node's id on the cluster bus, the serverId in {@link #presence} answers. */
    public String serverId() {
        return cluster.serverId();
    }

    /** Members of a room on every node: client id to the serverId of the node holding it. Reads the presence store. */
    public Map<String, String> presence(String room) {
        return cluster.members(room);
    }

    /**
     * Members of a room on every node with their users and nodes (this node's at once, others' once
     * their writes reached the store). Reads the presence store; works for every room, whatever
     * {@link #presenceRooms()} says.
     */
    public List<PresenceStore.Member> roomMembers(String room) {
        return presenceStore.roomMembers(room);
    }

    /** Rooms whose members may ask who is in them and get join/leave events; empty: none. */
    public Optional<Pattern> presenceRooms() {
        return roomPresence.rule().pattern();
    }

    /** Whether the user has an authenticated (or suspended) client on any node. Reads the presence store. */
    public boolean isOnline(String userId) {
        return cluster.isOnline(userId);
    }

    /** The cluster bus's counters. */
    public BusStats clusterStats() {
        return cluster.stats();
    }

    /** Whether the cluster bus reaches its broker now (always, for the in-memory bus); for readiness checks. */
    public boolean clusterConnected() {
        return cluster.connected();
    }

    /**
     * RPC requests in flight on this node, in both directions (client → server methods running,
     * server → client calls awaiting an answer): an operational gauge.
     */
    public int requestsInFlight() {
        return rpc.requestsInFlight();
    }

    // ---- lifecycle ----

    public boolean isShutdown() {
        return shutdown.get();
    }

    /**
     * Closes every connection with 1001 (after its queued frames, within the close timeout, and waits,
     * within it again, until the container reported each socket closed, so the close frames are out
     * before the caller stops the server), ends
     * suspended sessions (1001 to their listeners), runs the disconnect callbacks, stops the timers,
     * clears the indexes, and closes the cluster bus (after sending what it holds, within the close
     * timeout) and the presence store. Idempotent; returns when that is done or the timeouts have passed.
     */
    public void shutdown() {
        if (!shutdown.compareAndSet(false, true)) {
            return;
        }
        debug.connection("shutting down: closing {} connections", registry.clientCount());
        relays.shutdown();
        for (Connection connection : List.copyOf(registry.all())) {
            lifecycle.terminate(connection, Lifecycle.LIVE, CloseCodes.GOING_AWAY, "Server shutting down", null);
        }
        timers.shutdown();
        try {
            timers.awaitTermination(config.closeTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        try {
            limiter.awaitNoSockets(config.closeTimeout().toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relays.close(config.closeTimeout().toMillis());
        registry.clear();
        rooms.clear();
        roomPresence.close(config.closeTimeout());
        cluster.close(config.closeTimeout());
        encryption.shutdown();
    }
}
