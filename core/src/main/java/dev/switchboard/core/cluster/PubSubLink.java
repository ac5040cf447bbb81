package dev.switchboard.core.cluster;

import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber connection to one Redis server and the thread that reads it. The link keeps the
 * set of channels it should have; its thread connects, subscribes them, hands each message to the
 * listener and, when the connection breaks, reconnects with backoff and subscribes the whole set
 * again. Later changes are sent as batched commands from the control executor, never from callers.
 *
 * <p>{@code wanted}, {@code applied}, {@code live} and {@code quietSince} are guarded by this object's
 * monitor; the connection and {@code lastHeard} (when it last read anything) belong to the link's own
 * thread.
 */
final class PubSubLink implements Subscriber {

    /** Receives what the link reads. Called on the link's thread; must not block. */
    interface Listener {
        void message(String channel, String payload);

        /** The server dropped a channel we still want (a slot moved), or the connection failed. */
        void lost(PubSubLink link);

        /**
         * The link subscribed again after a failure; it last read anything from Redis at
         * {@code quietSince} (epoch millis), so messages published since may be missing. Called on the
         * link's thread before any message of the new connection; must not block.
         */
        default void resubscribed(PubSubLink link, long quietSince) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(PubSubLink.class);

    private final HostAndPort server;
    private final JedisClientConfig config;
    private final PubSubDialect dialect;
    private final Listener listener;
    private final Executor control;
    private final Backoff backoff;
    private final AtomicLong reconnects;
    private final Thread thread;
    private final Set<String> wanted = new HashSet<>();
    private Set<String> applied = Set.of();
    private PubSubDialect.Session live;
    private Connection connection;
    private boolean failedBefore;
    private boolean pingOutstanding;
    private boolean closed;
    private volatile long lastHeard = System.currentTimeMillis();
    private long quietSince;

    PubSubLink(HostAndPort server, JedisClientConfig config, PubSubDialect dialect, Listener listener,
               Executor control, Backoff backoff, AtomicLong reconnects) {
        this.server = server;
        this.config = config;
        this.dialect = dialect;
        this.listener = listener;
        this.control = control;
        this.backoff = backoff;
        this.reconnects = reconnects;
        this.thread = new Thread(this::run, "switchboard-subscriber-" + server);
        thread.setDaemon(true);
        thread.start();
    }

    HostAndPort server() {
        return server;
    }

    @Override
    public long reconnects() {
        return reconnects.get();
    }

    /** Up and subscribed: the server confirmed the current connection's subscriptions. */
    @Override
    public synchronized boolean connected() {
        return live != null;
    }

    @Override
    public synchronized void add(String channel) {
        if (wanted.add(channel)) {
            changed();
        }
    }

    @Override
    public synchronized void remove(String channel) {
        if (wanted.remove(channel)) {
            changed();
        }
    }

    /** Replaces the whole set (sharded mode, after the slot map changed). */
    synchronized void replace(Set<String> channels) {
        if (!wanted.equals(channels)) {
            wanted.clear();
            wanted.addAll(channels);
            changed();
        }
    }

    synchronized boolean isEmpty() {
        return wanted.isEmpty();
    }

    private void changed() {
        notifyAll();
        if (live != null) {
            control.execute(this::reconcile);
        }
    }

    /** Sends the difference between what we want and what the connection has, in batched commands. */
    private void reconcile() {
        Set<String> adds;
        Set<String> removes;
        PubSubDialect.Session session;
        synchronized (this) {
            session = live;
            if (session == null) {
                return;
            }
            adds = new HashSet<>(wanted);
            adds.removeAll(applied);
            removes = new HashSet<>(applied);
            removes.removeAll(wanted);
            applied = Set.copyOf(wanted);
        }
        try {
            session.subscribe(adds);
            session.unsubscribe(removes);
        } catch (RuntimeException e) {
            LOG.debug("Subscription change on {} failed; the reconnect resubscribes: {}", server, e.toString());
        }
    }

    private void run() {
        while (true) {
            Set<String> initial;
            synchronized (this) {
                while (wanted.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                initial = dialect.firstBatch(wanted);
                applied = initial;
            }
            boolean failed = !session(initial);
            synchronized (this) {
                live = null;
                connection = null;
                if (failed && !failedBefore) {
                    quietSince = lastHeard;
                }
                failedBefore |= failed;
                if (closed) {
                    return;
                }
            }
            if (failed) {
                listener.lost(this);
                if (!backoff.pause()) {
                    return;
                }
            }
        }
    }

    /** One connection's lifetime; {@code false} when it ended with an error. */
    private boolean session(Set<String> initial) {
        PubSubDialect.Session session = dialect.session(new PubSubDialect.Callbacks() {
            @Override
            public void message(String channel, String payload) {
                lastHeard = System.currentTimeMillis();
                listener.message(channel, payload);
            }

            @Override
            public void subscribed(PubSubDialect.Session self) {
                lastHeard = System.currentTimeMillis();
                confirmed(self);
            }

            @Override
            public void unsubscribed(String channel) {
                droppedByServer(channel);
            }
        });
        try (Connection opened = new Connection(server, config)) {
            synchronized (this) {
                if (closed) {
                    return true;
                }
                connection = opened;
            }
            session.run(opened, initial);
            return true;
        } catch (RuntimeException e) {
            synchronized (this) {
                if (closed) {
                    return false;
                }
                if (failedBefore) {
                    LOG.debug("Redis subscriber connection to {} still failing: {}", server, e.toString());
                } else {
                    LOG.warn("Redis subscriber connection to {} lost, reconnecting: {}", server, e.toString());
                }
            }
            return false;
        }
    }

    private void confirmed(PubSubDialect.Session session) {
        boolean back;
        long since;
        synchronized (this) {
            if (live == session) {
                pingOutstanding = false;
                return;
            }
            live = session;
            pingOutstanding = false;
            backoff.reset();
            back = failedBefore;
            since = quietSince;
            if (failedBefore) {
                failedBefore = false;
                reconnects.incrementAndGet();
                LOG.info("Redis subscriber reconnected to {}", server);
            }
            control.execute(this::reconcile);
        }
        if (back) {
            listener.resubscribed(this, since);
        }
    }

    /**
     * Health check, on the control executor (serial with {@link #reconcile}, so the channel it
     * subscribes again is one the connection keeps): pings the live connection (see
     * {@link PubSubDialect.Session#sendPing}); when the previous ping got no answer
     * the connection is taken for dead (half-open TCP, hung server) and closed, which makes the link
     * reconnect and resubscribe.
     */
    void checkHealth() {
        PubSubDialect.Session session;
        Connection open;
        String probe;
        boolean stale;
        synchronized (this) {
            session = live;
            open = connection;
            if (session == null || open == null || applied.isEmpty()) {
                return;
            }
            probe = applied.iterator().next();
            stale = pingOutstanding;
            pingOutstanding = true;
        }
        if (stale) {
            LOG.warn("Redis subscriber connection to {} did not answer a ping; reconnecting", server);
            open.close();
            return;
        }
        try {
            if (!session.sendPing(probe)) {
                synchronized (this) {
                    pingOutstanding = false;
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Ping on {} failed; the reconnect follows: {}", server, e.toString());
        }
    }

    private void droppedByServer(String channel) {
        synchronized (this) {
            if (closed || !applied.contains(channel) || !wanted.contains(channel)) {
                return;
            }
            Set<String> rest = new HashSet<>(applied);
            rest.remove(channel);
            applied = Set.copyOf(rest);
        }
        control.execute(this::reconcile);
        listener.lost(this);
    }

    @Override
    public void close() {
        Connection open;
        synchronized (this) {
            closed = true;
            open = connection;
            notifyAll();
        }
        if (open != null) {
            open.close();
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
