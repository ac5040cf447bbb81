package dev.switchboard.core.internal.metrics;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.limits.Limit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link Metrics} on a Micrometer {@link MeterRegistry}, named by Micrometer's conventions
 * ({@code switchboard.messages.in}, …; a Prometheus registry turns them into
 * {@code switchboard_messages_in_total}, …). Counters and timers whose tags are known up front
 * are created once; close codes, resume outcomes and RPC outcomes have small bounded tag sets
 * (app error codes count as {@code error}). Thread-safe: meters are, and the lazily filled maps are concurrent.
 */
final class MicrometerMetrics implements Metrics {

    /** RPC outcomes with a tag of their own; any other (application) error code counts as {@code error}. */
    private static final Set<String> RPC_OUTCOMES = Set.of(ErrorCodes.INVALID_MESSAGE_FORMAT, ErrorCodes.INTERNAL_ERROR,
            ErrorCodes.REQUEST_TIMEOUT, ErrorCodes.REQUEST_CANCELLED, ErrorCodes.DISCONNECTED);
    private static final Duration[] RPC_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Counter in;
    private final Counter inBytes;
    private final Counter out;
    private final Counter outBytes;
    private final Counter dropped;
    private final Counter[] limits = new Counter[Limit.values().length];
    private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();
    private final Map<String, Counter> resumes = new ConcurrentHashMap<>();
    private final Map<String, Timer> rpcCalls = new ConcurrentHashMap<>();
    private final Function<Integer, Counter> closeCounter;
    private final Function<String, Counter> resumeCounter;
    private final Function<String, Timer> rpcTimer;

    private MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
        in = Counter.builder("switchboard.messages.in").description("Frames received from clients")
                .register(registry);
        inBytes = Counter.builder("switchboard.messages.in.bytes").baseUnit(BaseUnits.BYTES)
                .description("UTF-8 bytes of the frames received from clients").register(registry);
        out = Counter.builder("switchboard.messages.out")
                .description("App messages queued for clients, one per recipient").register(registry);
        outBytes = Counter.builder("switchboard.messages.out.bytes").baseUnit(BaseUnits.BYTES)
                .description("UTF-8 bytes of the app messages queued for clients").register(registry);
        dropped = Counter.builder("switchboard.messages.dropped")
                .description("Messages dropped by a full outbound queue (overflow policy DROP)").register(registry);
        for (Limit limit : Limit.values()) {
            limits[limit.ordinal()] = Counter.builder("switchboard.limits").tag("kind", limit.tag())
                    .description("Limit hits by kind").register(registry);
        }
        closeCounter = code -> Counter.builder("switchboard.closes").tag("code", String.valueOf(code))
                .description("Connections ended, by close code").register(registry);
        resumeCounter = outcome -> Counter.builder("switchboard.resumes")
                .tag("outcome", outcome.toLowerCase(Locale.ROOT)).description("Resume attempts by outcome")
                .register(registry);
        rpcTimer = outcome -> Timer.builder("switchboard.rpc.calls").tag("outcome", outcome.toLowerCase(Locale.ROOT))
                .description("Client calls of server methods, by outcome").serviceLevelObjectives(RPC_BUCKETS)
                .register(registry);
        rpcTimer.apply("ok");
        resumeCounter.apply("recovered");
    }

    /** @param registry a {@link MeterRegistry} */
    static Metrics create(Object registry) {
        return new MicrometerMetrics((MeterRegistry) registry);
    }

    @Override
    public void messageIn(String text) {
        in.increment();
        inBytes.increment(OutboundFrame.utf8Length(text));
    }

    @Override
    public void messagesOut(int recipients, int frameBytes) {
        if (recipients > 0) {
            out.increment(recipients);
            outBytes.increment((double) recipients * frameBytes);
        }
    }

    @Override
    public void dropped() {
        dropped.increment();
    }

    @Override
    public void closed(int code) {
        closes.computeIfAbsent(code, closeCounter).increment();
    }

    @Override
    public void rpcCall(String errorCode, long nanos) {
        String outcome = errorCode == null ? "ok" : RPC_OUTCOMES.contains(errorCode) ? errorCode : "error";
        rpcCalls.computeIfAbsent(outcome, rpcTimer).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void resume(String outcome) {
        resumes.computeIfAbsent(outcome, resumeCounter).increment();
    }

    @Override
    public void limit(Limit limit) {
        limits[limit.ordinal()].increment();
    }

    @Override
    public void bind(Hub hub, ConnectionRegistry connections) {
        for (ClientState state : ClientState.values()) {
            if (state != ClientState.DISCONNECTED) {
                Gauge.builder("switchboard.connections", connections, registry -> count(registry, state))
                        .tag("state", state.name().toLowerCase(Locale.ROOT))
                        .description("Connections on this node by state").register(registry);
            }
        }
        Gauge.builder("switchboard.backpressured", connections, MicrometerMetrics::backpressured)
                .description("Connections whose outbound queue is past half its bound").register(registry);
        Gauge.builder("switchboard.queued", connections, MicrometerMetrics::queuedBytes).baseUnit(BaseUnits.BYTES)
                .description("Bytes waiting in the outbound queues of this node's connections").register(registry);
        Gauge.builder("switchboard.users", hub, Hub::userCount)
                .description("Users with an authenticated connection on this node").register(registry);
        Gauge.builder("switchboard.rooms", hub, Hub::roomCount).description("Rooms with a member on this node")
                .register(registry);
        Gauge.builder("switchboard.rpc.inflight", hub, Hub::requestsInFlight)
                .description("RPC calls in flight on this node, both directions").register(registry);
        FunctionCounter.builder("switchboard.cluster.published", hub, h -> h.clusterStats().published())
                .description("Messages handed to the cluster bus").register(registry);
        FunctionCounter.builder("switchboard.cluster.received", hub, h -> h.clusterStats().received())
                .description("Messages received from other nodes").register(registry);
        FunctionCounter.builder("switchboard.cluster.dropped", hub, h -> h.clusterStats().dropped())
                .description("Messages the cluster bus refused (outbox full or closed)").register(registry);
        FunctionCounter.builder("switchboard.cluster.reconnects", hub, h -> h.clusterStats().reconnects())
                .description("Cluster subscriber reconnections").register(registry);
        Gauge.builder("switchboard.cluster.pending", hub, h -> h.clusterStats().pending())
                .description("Messages waiting in the cluster outbox").register(registry);
    }

    private static double count(ConnectionRegistry connections, ClientState state) {
        int count = 0;
        for (Connection connection : connections.all()) {
            if (connection.state() == state) {
                count++;
            }
        }
        return count;
    }

    private static double queuedBytes(ConnectionRegistry connections) {
        long bytes = 0;
        for (Connection connection : connections.all()) {
            bytes += connection.queuedBytes();
        }
        return bytes;
    }

    private static double backpressured(ConnectionRegistry connections) {
        int count = 0;
        for (Connection connection : connections.all()) {
            if (connection.isBackpressured()) {
                count++;
            }
        }
        return count;
    }
}
