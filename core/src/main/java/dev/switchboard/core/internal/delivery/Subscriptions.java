package dev.switchboard.core.internal.delivery;

import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.rooms.RoomIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node's bus subscriptions and presence entries equal to its local membership: a room's
 * channel while the room has a local member, a user's while the user has a local connection, a
 * client's while it is authenticated here (suspended included), broadcast while any client is, and a
 * presence entry per membership and per authenticated connection. Called by the indexes inside their
 * atomic steps, so the bus sees each channel's first and last reference in the indexes' order.
 *
 * <p>Its only state, the count of authenticated connections behind the broadcast subscription, is
 * guarded by this object's monitor; the bus and the store are thread-safe and never block here.
 */
public final class Subscriptions implements RoomIndex.Observer, ConnectionRegistry.Observer {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final ClusterBus bus;
    private final PresenceStore presence;
    private int authenticated;
    private volatile boolean closed;

    public Subscriptions(ClusterBus bus, PresenceStore presence) {
        this.bus = bus;
        this.presence = presence;
    }

    /** The subscriptions of a node alone: nothing to subscribe, nothing to record; every call returns at once. */
    public static Subscriptions alone() {
        Subscriptions none = new Subscriptions(null, null);
        none.closed = true;
        return none;
    }

    @Override
    public void opened(String room) {
        subscribe(ClusterChannel.room(room), true);
    }

    @Override
    public void closed(String room) {
        subscribe(ClusterChannel.room(room), false);
    }

    @Override
    public void joined(String room, Connection connection) {
        guarded(() -> presence.joined(room, connection.id(), connection.userId()));
    }

    @Override
    public void left(String room, Connection connection) {
        guarded(() -> presence.left(room, connection.id()));
    }

    @Override
    public void bound(Connection connection, boolean first) {
        if (closed) {
            return;
        }
        if (first) {
            subscribe(ClusterChannel.user(connection.userId()), true);
        }
        subscribe(ClusterChannel.client(connection.id()), true);
        synchronized (this) {
            if (++authenticated == 1) {
                subscribe(ClusterChannel.broadcast(), true);
            }
        }
        guarded(() -> presence.online(connection.userId(), connection.id()));
    }

    @Override
    public void unbound(Connection connection, boolean last) {
        if (closed) {
            return;
        }
        if (last) {
            subscribe(ClusterChannel.user(connection.userId()), false);
        }
        subscribe(ClusterChannel.client(connection.id()), false);
        synchronized (this) {
            if (--authenticated == 0) {
                subscribe(ClusterChannel.broadcast(), false);
            }
        }
        guarded(() -> presence.offline(connection.userId(), connection.id()));
    }

    /** From now on changes are not passed on: the hub has shut down and closes the bus and the store. */
    public void close() {
        closed = true;
    }

    private void subscribe(ClusterChannel channel, boolean add) {
        guarded(() -> {
            if (add) {
                bus.subscribe(channel);
            } else {
                bus.unsubscribe(channel);
            }
        });
    }

    /** Never lets a failing bus or store break an index step. */
    private void guarded(Runnable change) {
        if (closed) {
            return;
        }
        try {
            change.run();
        } catch (RuntimeException e) {
            LOG.warn("Cluster subscription or presence update failed", e);
        }
    }
}
