package dev.switchboard.core.internal.delivery;

import dev.switchboard.api.BusStats;
import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.connection.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The delivery seam: every message for clients — from the hub's verbs, a client's own
 * {@code send}, another node or an Emitter — goes through {@link #send} or {@link #receive}, and
 * both end in {@link LocalDelivery#deliver}. Sending encodes the payload once to JSON text, splices
 * it into one frame, delivers it locally and publishes the same text on the bus: always for a
 * room, a user or broadcast (other nodes deliver to their own members), for a client only when it
 * is not on this node. Receiving splices the message's text into one frame for the local
 * recipients, honouring the exclude list. The bus skips this node's own messages, so each matching
 * client in the cluster gets a message once. Messages on this node's own channel go to the node
 * message receiver (the relays).
 *
 * <p>Stateless apart from the bus and presence store it owns (both thread-safe). {@link #receive}
 * runs on a bus thread (see {@link ClusterBus}) and only queues frames, like any other sender.
 */
public final class ClusterDelivery implements ClusterBus.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterDelivery.class);

    private final ClusterBus bus;
    private final PresenceStore presence;
    private final Subscriptions subscriptions;
    private final JsonCodec codec;
    private final LocalDelivery local;
    private volatile ClusterBus.Receiver nodeMessages = message -> { };
    private volatile Consumer<Connection> onLost = connection -> { };

    public ClusterDelivery(ClusterBus bus, PresenceStore presence, Subscriptions subscriptions, JsonCodec codec,
                           LocalDelivery local) {
        this.bus = bus;
        this.presence = presence;
        this.subscriptions = subscriptions;
        this.codec = codec;
        this.local = local;
    }

    /** Starts the bus; messages on {@code node:<serverId>} go to {@code nodeMessages}. */
    public void start(ClusterBus.Receiver nodeMessages) {
        start(nodeMessages, connection -> { });
    }

    /**
     * As {@link #start(ClusterBus.Receiver)}; when the bus reports messages of a channel lost for good,
     * each local session that channel reaches goes to {@code onLost} (the hub closes it with 4009).
     */
    public void start(ClusterBus.Receiver nodeMessages, Consumer<Connection> onLost) {
        this.nodeMessages = nodeMessages;
        this.onLost = onLost;
        bus.start(this);
    }

    /**
     * Delivers an app event to every client {@code target} names in the cluster, except
     * {@code exclude}; returns without waiting for any socket or the broker. The message is handed to
     * the bus before this node's own fan-out, so other nodes' clients do not wait for it (a room's
     * local fan-out takes milliseconds; the hand-off is a queue offer). Order per channel is kept on
     * both paths: the bus publishes in offer order, and this thread delivers locally in call order.
     *
     * @throws IllegalArgumentException for an empty event or a node channel
     */
    public void send(ClusterChannel target, String event, Object data, Collection<String> exclude) {
        String json = codec.dataJson(data);
        OutboundFrame frame = codec.frame(LocalDelivery.requireEvent(event), json);
        if (target.kind() != ClusterChannel.Kind.CLIENT || !local.isLocal(target.target())) {
            bus.publish(target, event, json, exclude);
        }
        local.deliver(target, frame, exclude);
    }

    @Override
    public void receive(ClusterMessage message) {
        if (message.channel().kind() == ClusterChannel.Kind.NODE) {
            nodeMessages.receive(message);
            return;
        }
        local.deliver(message.channel(), codec.frame(message.event(), message.data()), message.exclude());
    }

    @Override
    public void lost(ClusterChannel channel) {
        List<Connection> sessions = local.sessionsOf(channel);
        LOG.info("Closing {} local session(s) of {} after lost cluster messages", sessions.size(), channel);
        sessions.forEach(onLost);
    }

    public ClusterBus bus() {
        return bus;
    }

    public String serverId() {
        return bus.serverId();
    }

    public BusStats stats() {
        return bus.stats();
    }

    /** Whether the bus reaches its broker now. */
    public boolean connected() {
        return bus.isConnected();
    }

    public Map<String, String> members(String room) {
        return presence.members(room);
    }

    public boolean isOnline(String userId) {
        return presence.isOnline(userId);
    }

    /**
     * After every connection ended: stops this node's flusher, stops passing membership on, closes
     * the bus (letting it send what it holds for at most {@code flush}), then the presence store.
     */
    public void close(Duration flush) {
        local.close();
        subscriptions.close();
        try {
            bus.close(flush);
        } catch (RuntimeException e) {
            LOG.warn("Closing the cluster bus failed", e);
        } finally {
            try {
                presence.close();
            } catch (Exception e) {
                LOG.warn("Closing the presence store failed", e);
            }
        }
    }
}
