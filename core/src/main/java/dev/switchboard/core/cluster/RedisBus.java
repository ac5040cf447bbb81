package dev.switchboard.core.cluster;

import dev.switchboard.api.BusStats;
import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.ArrayList;
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
 * for Redis. Every message but node messages is also numbered and written to the origin's log
 * stream in the same pipeline ({@link BusLog}), and received messages pass through {@link CatchUp},
 * which drops repeats and fetches what this node missed. Build one with {@link #builder(String)};
 * see {@link ClusterBus} for the contract and {@link BusCodec} for the message format.
 *
 * <p>Channel reference counts and the hand-over of their transitions to the subscriber and the
 * catch-up are guarded by the {@code refs} monitor (cheap: no I/O under it); numbering and queuing a
 * message happen under the {@code log} monitor, so stream ids follow outbox order; the outbox,
 * subscriber, catch-up and control executor own their own state; the receiver is written once by
 * {@link #start}.
 */
public final class RedisBus implements ClusterBus {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBus.class);

    private final RedisBusBuilder settings;
    private final String serverId;
    private final ChannelNames names;
    private final ChannelRefs<ClusterChannel> refs = new ChannelRefs<>();
    private final UnifiedJedis publisherClient;
    private final Outbox<BusLog.Outgoing> outbox;
    private final BusLog log;
    private final ScheduledExecutorService control;
    private final AtomicLong received = new AtomicLong();
    private volatile Subscriber subscriber;
    private volatile Receiver receiver;
    private volatile CatchUp catchUp;

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
        this.log = new BusLog(settings.prefix(), serverId, settings.logSize(), settings.logTtl());
        this.control = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-bus-control-" + serverId);
            thread.setDaemon(true);
            return thread;
        });
        this.outbox = new Outbox<>("switchboard-publisher-" + serverId, settings.outboxCapacity(),
                new Outbox.Sink<>() {
                    @Override
                    public void send(List<BusLog.Outgoing> batch) {
                        List<String> payloads = new ArrayList<>(batch.size());
                        batch.forEach(message -> payloads.add(message.payload()));
                        try {
                            if (address.cluster()) {
                                sendSharded(batch, payloads);
                            } else {
                                sendPipelined(batch, payloads);
                            }
                        } catch (RuntimeException e) {
                            log.failed();
                            throw e;
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
                onMessage(channel, payload);
            }

            @Override
            public void lost(PubSubLink link) {
                // a single server has no slots to regroup: the link resubscribes by itself
            }

            @Override
            public void resubscribed(PubSubLink link, long quietSince) {
                CatchUp current = catchUp;
                if (current != null) {
                    current.resubscribed(quietSince);
                }
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
            if (log.enabled()) {
                CatchUp reader = new CatchUp(settings, publisherClient, receiver);
                refs.snapshot().forEach(channel -> reader.subscribed(names.name(channel), channel));
                catchUp = reader;
            }
            subscriber = created;
            refs.snapshot().forEach(channel -> created.add(names.name(channel)));
        }
        subscribe(ClusterChannel.node(serverId));
    }

    @Override
    public void subscribe(ClusterChannel channel) {
        synchronized (refs) {
            if (refs.acquire(channel) && subscriber != null) {
                String name = names.name(channel);
                if (catchUp != null) {
                    catchUp.subscribed(name, channel);
                }
                subscriber.add(name);
            }
        }
    }

    @Override
    public void unsubscribe(ClusterChannel channel) {
        synchronized (refs) {
            if (refs.release(channel) && subscriber != null) {
                String name = names.name(channel);
                subscriber.remove(name);
                if (catchUp != null) {
                    catchUp.unsubscribed(name);
                }
            }
        }
    }

    @Override
    public boolean publish(ClusterChannel channel, String event, String data, Collection<String> exclude) {
        ClusterMessage message = new ClusterMessage(serverId, channel, event, data,
                exclude == null ? Set.of() : Set.copyOf(exclude));
        String name = names.name(channel);
        String body = BusCodec.encode(message);
        if (!log.enabled() || channel.kind() == ClusterChannel.Kind.NODE) {
            return outbox.offer(new BusLog.Outgoing(name, body, null));
        }
        synchronized (log) {
            // numbered even when the outbox refuses it: receivers then see the gap and report the loss
            return outbox.offer(new BusLog.Outgoing(name, body, log.next(name, System.currentTimeMillis())));
        }
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

    private void onMessage(String channel, String payload) {
        BusCodec.Received message;
        try {
            message = BusCodec.decodeReceived(payload);
        } catch (RuntimeException e) {
            LOG.warn("Ignoring a malformed cluster message: {}", e.getMessage());
            return;
        }
        if (message.message().origin().equals(serverId)) {
            return;
        }
        received.incrementAndGet();
        CatchUp current = catchUp;
        if (current != null) {
            current.live(channel, message);
            return;
        }
        try {
            receiver.receive(message.message());
        } catch (RuntimeException e) {
            LOG.error("Cluster message receiver failed", e);
        }
    }

    /** One pipeline on one connection: each message's XADD, then the batch's log upkeep, then the PUBLISHes, in that order. */
    private void sendPipelined(List<BusLog.Outgoing> batch, List<String> payloads) {
        try (Pipeline pipeline = ((RedisClient) publisherClient).pipelined()) {
            if (log.enabled()) {
                log.write(pipeline, batch, payloads, System.currentTimeMillis());
            }
            for (int i = 0; i < batch.size(); i++) {
                pipeline.publish(batch.get(i).channel(), payloads.get(i));
            }
            pipeline.sync();
        }
    }

    /**
     * On a Redis Cluster the log key and the channels live on different shards, so the log goes first
     * (one pipeline to the log's shard, awaited) and the SPUBLISHes after: whoever receives a message
     * can already read every entry up to it.
     */
    private void sendSharded(List<BusLog.Outgoing> batch, List<String> payloads) {
        RedisClusterClient cluster = (RedisClusterClient) publisherClient;
        if (log.enabled()) {
            try (ClusterPipeline pipeline = cluster.pipelined()) {
                List<Response<StreamEntryID>> added = log.write(pipeline, batch, payloads, System.currentTimeMillis());
                pipeline.sync();
                for (Response<StreamEntryID> response : added) {
                    try {
                        response.get();
                    } catch (JedisDataException e) {
                        // a batch sent again: its entry is already in the log
                    }
                }
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            cluster.spublish(batch.get(i).channel(), payloads.get(i));
        }
    }

    @Override
    public BusStats stats() {
        Subscriber current = subscriber;
        CatchUp reader = catchUp;
        long[] counts = reader == null ? new long[2] : reader.counts();
        return new BusStats(outbox.published(), outbox.dropped(), outbox.pending(), received.get(),
                current == null ? 0 : current.reconnects(), counts[0], counts[1]);
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
        CatchUp reader = catchUp;
        if (reader != null) {
            reader.close();
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
