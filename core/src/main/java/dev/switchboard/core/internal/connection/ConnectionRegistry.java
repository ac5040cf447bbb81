package dev.switchboard.core.internal.connection;

import dev.switchboard.api.ClientState;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Index of open connections by client id and of authenticated connections by user id.
 *
 * <p>Concurrency: both maps are concurrent; a user's set is created and removed inside
 * {@code compute} so an empty set never stays behind. Callers hold the connection's monitor
 * when binding or unbinding a user (see {@link Connection}); the {@link Observer} is called inside
 * the user's {@code compute}.
 */
public final class ConnectionRegistry {

    /**
     * Told when a connection is bound to or unbound from its user, inside the index's atomic step for
     * that user (so calls for one user arrive in the index's order; they must be quick and must not
     * touch the registry).
     */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        /** @param first whether it is the user's first connection here */
        default void bound(Connection connection, boolean first) {
        }

        /** @param last whether it was the user's last connection here */
        default void unbound(Connection connection, boolean last) {
        }
    }

    private final ConcurrentHashMap<String, Connection> clients = new ConcurrentHashMap<>();
    /** User id to the user's connections, as {@link Group} stores them (one socket is the connection itself). */
    private final ConcurrentHashMap<String, Object> users = new ConcurrentHashMap<>();
    private final Observer observer;

    public ConnectionRegistry() {
        this(Observer.NONE);
    }

    public ConnectionRegistry(Observer observer) {
        this.observer = observer;
    }

    public void add(Connection connection) {
        clients.put(connection.id(), connection);
    }

    public void remove(Connection connection) {
        clients.remove(connection.id(), connection);
    }

    public Connection client(String clientId) {
        return clients.get(clientId);
    }

    public boolean containsClient(String clientId) {
        return clients.containsKey(clientId);
    }

    public Collection<Connection> all() {
        return Collections.unmodifiableCollection(clients.values());
    }

    public void bindUser(Connection connection) {
        users.compute(connection.userId(), (user, set) -> {
            if (Group.contains(set, connection)) {
                return set;
            }
            observer.bound(connection, set == null); // asked before with(): a large group changes in place
            return Group.with(set, user, connection);
        });
    }

    /**
     * Binds the connection to its user unless the user already holds {@code max} connections that
     * are authenticated or being admitted (suspended sessions do not count); 0 means no limit. The
     * count and the bind are one atomic step for that user.
     *
     * @return false when the user is at the limit (nothing changed)
     */
    public boolean bindUser(Connection connection, int max) {
        if (max <= 0) {
            bindUser(connection);
            return true;
        }
        boolean[] bound = {false};
        users.compute(connection.userId(), (user, set) -> {
            if (Group.contains(set, connection)) {
                return set;
            }
            long live = Group.view(set).stream().filter(member -> countsTowardsLimit(member)).count();
            if (live >= max) {
                return set;
            }
            bound[0] = true;
            observer.bound(connection, set == null);
            return Group.with(set, user, connection);
        });
        return bound[0];
    }

    private static boolean countsTowardsLimit(Connection member) {
        ClientState state = member.state();
        return state == ClientState.AUTHENTICATED || state == ClientState.AUTHENTICATING;
    }

    public void unbindUser(Connection connection) {
        users.computeIfPresent(connection.userId(), (user, set) -> {
            if (!Group.contains(set, connection)) {
                return set;
            }
            Object rest = Group.without(set, connection);
            observer.unbound(connection, rest == null);
            return rest;
        });
    }

    /** The user's connections, possibly empty; read-only, a snapshot or a weakly consistent live view. */
    public Set<Connection> connectionsOf(String userId) {
        return Group.view(users.get(userId));
    }

    public int clientCount() {
        return clients.size();
    }

    public int userCount() {
        return users.size();
    }

    /** Drops every entry; used by shutdown after every connection was closed. */
    public void clear() {
        clients.clear();
        users.clear();
    }
}
