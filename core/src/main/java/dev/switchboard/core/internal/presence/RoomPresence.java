package dev.switchboard.core.internal.presence;

import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.PresenceStore;
import dev.switchboard.api.internal.SerialExecutor;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.delivery.ClusterDelivery;
import dev.switchboard.core.internal.rooms.RoomIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hub's presence for clients: the {@link PresenceFeed} of join/leave pushes, the
 * {@link PresenceQueries} that answer {@code presence} requests, and their threads: the feed's
 * serial lane on a one-thread pool of its own (pushes never wait behind a slow store read), store
 * reads on a pool of {@value #LOOKUP_THREADS}; no thread lives while idle. Created before the room
 * index, whose observer it wraps, and started once the delivery seam exists. Thread-safe; the parts
 * own their state.
 */
public final class RoomPresence {

    private static final Logger LOG = LoggerFactory.getLogger(RoomPresence.class);
    private static final int LOOKUP_THREADS = 4;

    private final PresenceRule rule;
    private final ThreadPoolExecutor pushes;
    private final ThreadPoolExecutor lookups;
    private final PresenceFeed feed;
    private final PresenceQueries queries;

    public RoomPresence(PresenceRule rule, PresenceStore store, JsonCodec codec, int maxInFlight,
                        RoomIndex.Observer next) {
        this.rule = rule;
        this.pushes = pool(1, "switchboard-presence-push");
        this.lookups = pool(LOOKUP_THREADS, "switchboard-presence-lookup");
        SerialExecutor lane = new SerialExecutor(pushes,
                task -> LOG.debug("Hub shut down: a presence change was not sent"));
        this.feed = new PresenceFeed(next, rule, lane);
        this.queries = new PresenceQueries(rule, store, codec, lookups, maxInFlight);
    }

    /** The room index's observer: {@code next} plus the presence pushes. */
    public RoomIndex.Observer observer() {
        return feed;
    }

    public PresenceQueries queries() {
        return queries;
    }

    public PresenceRule rule() {
        return rule;
    }

    /** Pushes go to the rooms' members on every node through the delivery seam from now on. */
    public void start(ClusterDelivery delivery) {
        feed.start((room, change) -> delivery.send(ClusterChannel.room(room), "presence", change, List.of()));
    }

    /**
     * After the hub's connections ended and before the bus closes: sends the changes still pending
     * (the {@code left} of this node's clients, for other nodes' members), waiting at most {@code wait}.
     */
    public void close(Duration wait) {
        lookups.shutdownNow();
        pushes.shutdown();
        try {
            if (!pushes.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                pushes.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pushes.shutdownNow();
        }
    }

    private static ThreadPoolExecutor pool(int threads, String name) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
