package dev.switchboard.core.hub;

import dev.switchboard.api.BusStats;
import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.cluster.RedisBus;
import dev.switchboard.core.codec.JsonCodec;
import dev.switchboard.core.codec.OutboundFrame;
import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.ConnectionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Delivery across the cluster. Sending encodes the payload once to JSON text, splices it into the
 * local frame, delivers locally and publishes the same text on the bus: a room, user or broadcast
 * always (other nodes deliver to their own members), a client only when it is not on this node.
 * Receiving (the bus's {@link ClusterBus.Receiver}) splices the message's JSON text into one frame and
 * queues it to the local recipients, honouring the exclude list; the bus skips this node's own
 * messages, so each matching client in the cluster gets a message once. Messages on this node's own
 * channel go to {@link Relays}.
 *
 * <p>Stateless apart from the bus and presence store it owns (both thread-safe); the receiver runs on
 * the bus's subscriber thread and only queues frames, like any other sender.
 */
final class ClusterDelivery implements ClusterBus.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterDelivery.class);

    private final ClusterBus bus;
    private final PresenceStore presence;
    private final Subscriptions subscriptions;
    private final JsonCodec codec;
    private final ConnectionRegistry registry;
    private final Delivery delivery;
    private final ClusterBus.Receiver nodeMessages;

    ClusterDelivery(ClusterBus bus, PresenceStore presence, Subscriptions subscriptions, JsonCodec codec,
                    ConnectionRegistry registry, Delivery delivery, ClusterBus.Receiver nodeMessages) {
        this.bus = bus;
        this.presence = presence;
        this.subscriptions = subscriptions;
        this.codec = codec;
        this.registry = registry;
        this.delivery = delivery;
        this.nodeMessages = nodeMessages;
    }

    void start() {
        bus.start(this);
    }

    void toClient(String clientId, String event, Object data) {
        String json = codec.dataJson(data);
        OutboundFrame frame = codec.frame(Delivery.requireEvent(event), json);
        Connection local = registry.client(clientId);
        if (local != null) {
            local.deliver(frame);
        } else {
            bus.publish(ClusterChannel.client(clientId), event, json, null);
        }
    }

    void toUser(String userId, String event, Object data) {
        String json = codec.dataJson(data);
        delivery.toUser(userId, codec.frame(Delivery.requireEvent(event), json));
        bus.publish(ClusterChannel.user(userId), event, json, null);
    }

    void toRoom(String room, String event, Object data, Collection<String> exclude) {
        String json = codec.dataJson(data);
        delivery.toRoom(room, codec.frame(Delivery.requireEvent(event), json), exclude);
        bus.publish(ClusterChannel.room(room), event, json, exclude);
    }

    void broadcast(String event, Object data, Collection<String> exclude) {
        String json = codec.dataJson(data);
        delivery.broadcast(codec.frame(Delivery.requireEvent(event), json), exclude);
        bus.publish(ClusterChannel.broadcast(), event, json, exclude);
    }

    @Override
    public void receive(ClusterMessage message) {
        if (message.channel().kind() == ClusterChannel.Kind.NODE) {
            nodeMessages.receive(message);
            return;
        }
        OutboundFrame frame = codec.frame(message.event(), message.data());
        String target = message.channel().target();
        switch (message.channel().kind()) {
            case CLIENT -> delivery.toClient(target, frame);
            case USER -> delivery.toUser(target, frame);
            case ROOM -> delivery.toRoom(target, frame, message.exclude());
            case BROADCAST -> delivery.broadcast(frame, message.exclude());
            default -> throw new IllegalStateException("unreachable: " + message.channel());
        }
    }

    String serverId() {
        return bus.serverId();
    }

    BusStats stats() {
        return bus.stats();
    }

    boolean connected() {
        return bus.isConnected();
    }

    Map<String, String> members(String room) {
        return presence.members(room);
    }

    boolean isOnline(String userId) {
        return presence.isOnline(userId);
    }

    /**
     * After every connection ended: stops passing membership on, lets a Redis bus send what is queued
     * (at most {@code flush}), then closes the bus and the presence store.
     */
    void close(Duration flush) {
        subscriptions.close();
        try {
            if (bus instanceof RedisBus redis) {
                redis.flush(flush.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(bus);
            closeQuietly(presence);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed", closeable.getClass().getName(), e);
        }
    }
}
