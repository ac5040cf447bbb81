package dev.switchboard.core.cluster;

import dev.switchboard.api.BusStats;
import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default bus: nodes in one JVM, no broker. A bus created alone is a single-node cluster whose
 * publishes reach nobody; buses created on one shared {@link Network} reach each other, which lets
 * multi-node behaviour be tested without Redis. Delivery is synchronous on the publishing thread,
 * so the receiver contract (never block) matters here too.
 *
 * <p>Subscriptions are guarded by {@link ChannelRefs}; the network's member list is copy-on-write;
 * the receiver is written once by {@link #start}.
 */
public final class InMemoryBus implements ClusterBus {

    /** A set of in-memory buses that see each other's messages. */
    public static final class Network {
        private final List<InMemoryBus> members = new CopyOnWriteArrayList<>();

        public InMemoryBus join(String serverId) {
            InMemoryBus bus = new InMemoryBus(serverId, this);
            members.add(bus);
            return bus;
        }
    }

    private final String serverId;
    private final Network network;
    private final ChannelRefs<ClusterChannel> refs = new ChannelRefs<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile Receiver receiver;
    private volatile boolean closed;

    /** A single-node bus with a random serverId. */
    public InMemoryBus() {
        this(UUID.randomUUID().toString(), new Network());
    }

    private InMemoryBus(String serverId, Network network) {
        this.serverId = Objects.requireNonNull(serverId, "serverId");
        this.network = network;
    }

    @Override
    public String serverId() {
        return serverId;
    }

    @Override
    public void start(Receiver receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        refs.acquire(ClusterChannel.node(serverId));
    }

    @Override
    public void subscribe(ClusterChannel channel) {
        refs.acquire(channel);
    }

    @Override
    public void unsubscribe(ClusterChannel channel) {
        refs.release(channel);
    }

    @Override
    public boolean publish(ClusterChannel channel, String event, String data, Collection<String> exclude) {
        ClusterMessage message = new ClusterMessage(serverId, channel, event, data,
                exclude == null ? Set.of() : Set.copyOf(exclude));
        if (closed) {
            dropped.incrementAndGet();
            return false;
        }
        published.incrementAndGet();
        for (InMemoryBus member : network.members) {
            if (member != this) {
                member.deliver(message);
            }
        }
        return true;
    }

    private void deliver(ClusterMessage message) {
        Receiver target = receiver;
        if (!closed && target != null && refs.contains(message.channel())) {
            received.incrementAndGet();
            target.receive(message);
        }
    }

    @Override
    public BusStats stats() {
        return new BusStats(published.get(), dropped.get(), 0, received.get(), 0);
    }

    @Override
    public void close() {
        closed = true;
        network.members.remove(this);
    }
}
