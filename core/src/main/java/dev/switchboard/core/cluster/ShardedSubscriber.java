package dev.switchboard.core.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sharded pub/sub over a Redis Cluster: one {@link PubSubLink} (connection and thread) per master,
 * each subscribing the channels whose hash slot that master serves. When a link fails or the server
 * drops a channel (its slot moved), the slot map is read again on the control executor and every
 * channel is regrouped onto the master that now owns it.
 *
 * <p>{@code channels}, {@code links} and {@code slots} are guarded by this object's monitor.
 */
final class ShardedSubscriber implements Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(ShardedSubscriber.class);

    private final List<HostAndPort> seeds;
    private final JedisClientConfig config;
    private final PubSubLink.Listener listener;
    private final Executor control;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final AtomicLong reconnects = new AtomicLong();
    private final Backoff refreshBackoff;
    private final Set<String> channels = new HashSet<>();
    private final Map<HostAndPort, PubSubLink> links = new HashMap<>();
    private SlotMap slots;
    private boolean refreshQueued;
    private boolean closed;

    ShardedSubscriber(List<HostAndPort> seeds, JedisClientConfig config, PubSubLink.Listener messages,
                      Executor control, Duration backoffInitial, Duration backoffMax) {
        this.seeds = seeds;
        this.config = config;
        this.control = control;
        this.backoffInitial = backoffInitial;
        this.backoffMax = backoffMax;
        this.refreshBackoff = new Backoff(backoffInitial, backoffMax);
        this.listener = new PubSubLink.Listener() {
            @Override
            public void message(String channel, String payload) {
                messages.message(channel, payload);
            }

            @Override
            public void lost(PubSubLink link) {
                requestRefresh();
            }

            @Override
            public void resubscribed(PubSubLink link, long quietSince) {
                messages.resubscribed(link, quietSince);
            }
        };
        requestRefresh();
    }

    @Override
    public synchronized void add(String channel) {
        if (channels.add(channel) && slots != null) {
            link(slots.ownerOf(channel)).add(channel);
        }
    }

    @Override
    public synchronized void remove(String channel) {
        if (channels.remove(channel) && slots != null) {
            PubSubLink link = links.get(slots.ownerOf(channel));
            if (link != null) {
                link.remove(channel);
            }
        }
    }

    @Override
    public long reconnects() {
        return reconnects.get();
    }

    /** The slot map is known and every master with channels to read has a live link. */
    @Override
    public synchronized boolean connected() {
        return slots != null && links.values().stream().filter(link -> !link.isEmpty()).allMatch(PubSubLink::connected);
    }

    /** How many masters this node holds a subscriber connection to (those with channels to read). */
    synchronized int connectedShards() {
        return (int) links.values().stream().filter(link -> !link.isEmpty()).count();
    }

    private synchronized void requestRefresh() {
        if (!refreshQueued && !closed) {
            refreshQueued = true;
            control.execute(this::refresh);
        }
    }

    /** Reads the slot map (blocking I/O, on the control executor) and regroups every channel. */
    private void refresh() {
        SlotMap loaded;
        try {
            loaded = SlotMap.load(seeds, config);
        } catch (RuntimeException e) {
            LOG.warn("Reading the Redis Cluster slot map failed, retrying: {}", e.toString());
            refreshBackoff.pause();
            synchronized (this) {
                refreshQueued = false;
            }
            requestRefresh();
            return;
        }
        refreshBackoff.reset();
        synchronized (this) {
            refreshQueued = false;
            if (closed) {
                return;
            }
            slots = loaded;
            Map<HostAndPort, Set<String>> groups = new HashMap<>();
            for (String channel : channels) {
                groups.computeIfAbsent(loaded.ownerOf(channel), node -> new HashSet<>()).add(channel);
            }
            groups.forEach((node, group) -> link(node).replace(group));
            links.forEach((node, link) -> {
                if (!groups.containsKey(node)) {
                    link.replace(Set.of());
                }
            });
        }
    }

    private PubSubLink link(HostAndPort node) {
        return links.computeIfAbsent(node, server -> new PubSubLink(server, config, PubSubDialect.SHARDED, listener,
                control, new Backoff(backoffInitial, backoffMax), reconnects));
    }

    @Override
    public void close() {
        List<PubSubLink> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(links.values());
            links.clear();
        }
        open.forEach(PubSubLink::close);
    }
}
