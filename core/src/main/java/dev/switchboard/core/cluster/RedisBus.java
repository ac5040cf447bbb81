package dev.switchboard.core.cluster;

import dev.switchboard.api.BusStats;
import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster bus on Redis pub/sub (Jedis). Publishing goes through a bounded ordered {@link Outbox}
 * drained by one publisher thread over a connection pool (PUBLISH, pipelined in batches; SPUBLISH on
 * a Redis Cluster). Receiving runs on one subscriber thread per Redis connection — one for a single
 * server, one per master for a cluster — which decodes each message, skips its own and calls the
 * receiver. Subscription changes are sent from a control thread in batches, so no caller ever waits
 * for Redis. Build one with {@link #builder(String)}; see {@link ClusterBus} for the contract and
 * {@link BusCodec} for the message format.
 *
 * <p>Channel reference counts and the hand-over of their transitions to the subscriber are guarded by
 * the {@code refs} monitor (cheap: no I/O under it); the outbox, subscriber and control executor own
 * their own state; the receiver is written once by {@link #start}.
 */
public final class RedisBus implements ClusterBus {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBus.class);

    private final RedisBusBuilder settings;
    private final String serverId;
    private final ChannelNames names;
    private final ChannelRefs<ClusterChannel> refs = new ChannelRefs<>();
    private final UnifiedJedis publisherClient;
    private final Outbox<Outgoing> outbox;
    private final ScheduledExecutorService control;
    private final AtomicLong received = new AtomicLong();
    private volatile Subscriber subscriber;
    private volatile Receiver receiver;

    private record Outgoing(String channel, String payload) {
    }

    /** A builder for the Redis at {@code url} (see {@link RedisAddress} for the formats). */
    public static RedisBusBuilder builder(String url) {
        return new RedisBusBuilder(RedisAddress.parse(url));
    }

    RedisBus(RedisBusBuilder settings) {
        this.settings = settings;
        this.serverId = settings.serverId();
        this.names = new ChannelNames(settings.prefix());
        RedisAddress address = settings.address();
        JedisClientConfig config = address.clientConfig("switchboard-" + serverId, settings.timeoutMillis());
        this.publisherClient = RedisClients.pooled(address, config);
        this.control = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-bus-control-" + serverId);
            thread.setDaemon(true);
            return thread;
        });
        this.outbox = new Outbox<>("switchboard-publisher-" + serverId, settings.outboxCapacity(),
                new Outbox.Sink<>() {
                    @Override
                    public void send(List<Outgoing> batch) {
                        if (address.cluster()) {
                            sendSharded(batch);
                        } else {
                            sendPipelined(batch);
                        }
                    }

                    @Override
                    public void probe() {
                        if (!address.cluster()) {
                            publisherClient.ping();
                        }
                    }
                }, settings.newBackoff(), settings.backoffMax().toMillis() * 6 / 5);
    }

    @Override
    public String serverId() {
        return serverId;
    }

    /** The channel-name prefix this bus publishes and subscribes under. */
    public String prefix() {
        return names.prefix();
    }

    @Override
    public synchronized void start(Receiver receiver) {
        if (subscriber != null) {
            throw new IllegalStateException("already started");
        }
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        RedisAddress address = settings.address();
        JedisClientConfig config = address.subscriberConfig("switchboard-sub-" + serverId, settings.timeoutMillis());
        PubSubLink.Listener listener = new PubSubLink.Listener() {
            @Override
            public void message(String channel, String payload) {
                onMessage(payload);
            }

            @Override
            public void lost(PubSubLink link) {
                // a single server has no slots to regroup: the link resubscribes by itself
            }
        };
        Subscriber created;
        if (address.cluster()) {
            created = new ShardedSubscriber(address.nodes(), config, listener, control, settings.backoffInitial(),
                    settings.backoffMax());
        } else {
            PubSubLink link = new PubSubLink(address.nodes().get(0), config, PubSubDialect.PLAIN, listener, control,
                    settings.newBackoff(), new AtomicLong());
            long every = settings.healthCheck().toMillis();
            if (every > 0) {
                control.scheduleWithFixedDelay(link::checkHealth, every, every, TimeUnit.MILLISECONDS);
            }
            created = link;
        }
        synchronized (refs) {
            subscriber = created;
            refs.snapshot().forEach(channel -> created.add(names.name(channel)));
        }
        subscribe(ClusterChannel.node(serverId));
    }

    @Override
    public void subscribe(ClusterChannel channel) {
        synchronized (refs) {
            if (refs.acquire(channel) && subscriber != null) {
                subscriber.add(names.name(channel));
            }
        }
    }

    @Override
    public void unsubscribe(ClusterChannel channel) {
        synchronized (refs) {
            if (refs.release(channel) && subscriber != null) {
                subscriber.remove(names.name(channel));
            }
        }
    }

    @Override
    public boolean publish(ClusterChannel channel, String event, String data, Collection<String> exclude) {
        ClusterMessage message = new ClusterMessage(serverId, channel, event, data,
                exclude == null ? Set.of() : Set.copyOf(exclude));
        return outbox.offer(new Outgoing(names.name(channel), BusCodec.encode(message)));
    }

    @Override
    public void close(Duration flush) {
        try {
            flush(flush.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** Waits until everything published so far has reached Redis, at most {@code millis}; {@code true} when it has. */
    public boolean flush(long millis) throws InterruptedException {
        return outbox.flush(millis);
    }

    private void onMessage(String payload) {
        ClusterMessage message;
        try {
            message = BusCodec.decode(payload);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring a malformed cluster message: {}", e.getMessage());
            return;
        }
        if (message.origin().equals(serverId)) {
            return;
        }
        received.incrementAndGet();
        try {
            receiver.receive(message);
        } catch (RuntimeException e) {
            LOG.error("Cluster message receiver failed", e);
        }
    }

    private void sendPipelined(List<Outgoing> batch) {
        try (Pipeline pipeline = ((RedisClient) publisherClient).pipelined()) {
            for (Outgoing message : batch) {
                pipeline.publish(message.channel(), message.payload());
            }
            pipeline.sync();
        }
    }

    private void sendSharded(List<Outgoing> batch) {
        RedisClusterClient cluster = (RedisClusterClient) publisherClient;
        for (Outgoing message : batch) {
            cluster.spublish(message.channel(), message.payload());
        }
    }

    @Override
    public BusStats stats() {
        Subscriber current = subscriber;
        return new BusStats(outbox.published(), outbox.dropped(), outbox.pending(), received.get(),
                current == null ? 0 : current.reconnects());
    }

    /** Whether the subscriber connection (each master's, on a cluster) is up and subscribed now. */
    @Override
    public boolean isConnected() {
        Subscriber current = subscriber;
        return current != null && current.connected();
    }

    /** Subscriber connections to cluster masters (sharded mode), for tests and metrics; 1 or 0 otherwise. */
    int subscriberConnections() {
        Subscriber current = subscriber;
        if (current instanceof ShardedSubscriber sharded) {
            return sharded.connectedShards();
        }
        return current == null ? 0 : 1;
    }

    @Override
    public void close() {
        outbox.close();
        Subscriber current;
        synchronized (this) {
            current = subscriber;
        }
        if (current != null) {
            current.close();
        }
        control.shutdownNow();
        try {
            control.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisherClient.close();
    }
}
