package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving half of the bus log: hands each origin's logged messages to the receiver once, in
 * order per channel, and fetches what this node missed. Per (origin, channel) it keeps the last
 * applied {@code cseq} and {@code sid}; the first message after the channel was subscribed is the
 * baseline. A repeat (sid not above the last) is dropped; a jump ({@code cseq} past last + 1) is a
 * gap: the entries between are read from {@code <prefix>:log:<origin>} with XRANGE and applied
 * first. After its own subscriber reconnected, the node reads every known origin's log (and those
 * {@code <prefix>:origins} lists as active since the outage began) from where it stopped. While an
 * origin is being caught up its live messages wait in a queue behind the catch-up. What the log no
 * longer holds is lost: the channel is reported to {@link ClusterBus.Receiver#lost}, counted, and
 * logged once per outage ({@link LossReports}).
 *
 * <p>Reads ({@link LogReader}) run on one worker thread per bus, never on a subscriber thread. Queues hold at most
 * {@value #MAX_QUEUED} messages in all; a live message past that is not kept but re-read from the log
 * once its origin's queue drained. State is guarded by this object's monitor, under which messages
 * are also handed to the receiver (it must not block); {@code subscribed} is a concurrent map the bus
 * writes under its own channel lock, so this class never takes that lock's path.
 */
final class CatchUp implements AutoCloseable {

    static final int MAX_QUEUED = 10_000;
    static final long CLOCK_MARGIN_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

    private enum Verdict { APPLY, SKIP, GAP }

    private record Sub(ClusterChannel channel, long generation) {
    }

    private final String self;
    private final boolean sharded;
    private final LogReader log;
    private final RedisBusBuilder settings;
    private final ClusterBus.Receiver receiver;
    private final ScheduledExecutorService worker;
    private final Map<String, Sub> subscribed = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();
    private final AtomicLong recovered = new AtomicLong();
    private final LossReports losses;
    private final Map<String, OriginState> origins = new HashMap<>();
    private int queued;
    private Long discovering;
    private long outages;

    CatchUp(RedisBusBuilder settings, UnifiedJedis redis, ClusterBus.Receiver receiver) {
        this.self = settings.serverId();
        this.sharded = settings.address().cluster();
        this.log = new LogReader(redis, new ChannelNames(settings.prefix()));
        this.settings = settings;
        this.receiver = receiver;
        this.losses = new LossReports(settings, receiver);
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-bus-catchup-" + self);
            thread.setDaemon(true);
            return thread;
        });
        long sweep = Math.max(1_000, settings.logTtl().toMillis() / 2);
        worker.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** Messages applied from the log, and messages known lost. */
    long[] counts() {
        return new long[]{recovered.get(), losses.lost()};
    }

    /** The channel's first reference: messages on it count from a new baseline. Called under the bus's channel lock. */
    void subscribed(String name, ClusterChannel channel) {
        subscribed.put(name, new Sub(channel, generations.incrementAndGet()));
    }

    /** The channel's last reference went: its tracks are stale from now on. */
    void unsubscribed(String name) {
        subscribed.remove(name);
    }

    /** A message from a subscriber thread: applied at once unless its origin is being caught up or it shows a gap. */
    void live(String channel, BusCodec.Received message) {
        if (!message.logged()) {
            deliver(message);
            return;
        }
        synchronized (this) {
            OriginState origin = origin(message.message().origin());
            origin.lastSeen = System.currentTimeMillis();
            if (!origin.busy) {
                if (step(origin, channel, message, false) != Verdict.GAP) {
                    return;
                }
                origin.busy = true;
            }
            if (queued < MAX_QUEUED) {
                origin.queue.addLast(new OriginState.Pending(channel, message));
                queued++;
            } else {
                origin.owed.add(channel);
            }
            schedule(origin, 0);
        }
    }

    /**
     * This node's subscriber came back after a failure; it last heard from Redis at {@code quietSince}
     * (its clock). Every origin is caught up from there before its next live message is applied.
     */
    void resubscribed(long quietSince) {
        synchronized (this) {
            outages++;
            discovering = discovering == null ? quietSince : Math.min(discovering, quietSince);
            for (OriginState origin : origins.values()) {
                origin.recoverFrom = origin.recoverFrom == null ? quietSince : Math.min(origin.recoverFrom, quietSince);
                origin.busy = true;
                schedule(origin, 0);
            }
        }
        if (!worker.isShutdown()) {
            worker.execute(this::discover);
        }
    }

    /** Caller holds the monitor. An origin first seen during an outage's discovery is caught up too. */
    private OriginState origin(String id) {
        OriginState origin = origins.get(id);
        if (origin == null) {
            origin = new OriginState(id);
            origin.lastSeen = System.currentTimeMillis();
            origins.put(id, origin);
            if (discovering != null) {
                origin.recoverFrom = discovering;
                origin.busy = true;
                schedule(origin, 0);
            }
        }
        return origin;
    }

    /** Caller holds the monitor. */
    private void schedule(OriginState origin, long delayMillis) {
        if (!origin.scheduled && !worker.isShutdown()) {
            origin.scheduled = true;
            worker.schedule(() -> run(origin), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Reads the origins active since the outage began and catches up those not yet known. Worker thread. */
    private void discover() {
        Long from;
        long seen;
        synchronized (this) {
            from = discovering;
            seen = outages;
        }
        if (from == null) {
            return;
        }
        List<String> active;
        try {
            active = log.activeSince(from - CLOCK_MARGIN_MILLIS);
        } catch (RuntimeException e) {
            LOG.debug("Reading the active origins failed, retrying: {}", e.toString());
            worker.schedule(this::discover, settings.backoffInitial().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        synchronized (this) {
            for (String id : active) {
                if (!id.equals(self)) {
                    origin(id);
                }
            }
            if (outages == seen) {
                discovering = null; // else a later outage's discovery runs next, from its own start
            }
        }
    }

    /** Works through one origin: a recovery read, then its queue, then the channels it owes. Worker thread. */
    private void run(OriginState origin) {
        while (true) {
            Long from;
            OriginState.Pending next = null;
            Set<String> owed = Set.of();
            synchronized (this) {
                from = origin.recoverFrom;
                origin.recoverFrom = null;
                if (from == null) {
                    next = origin.queue.pollFirst();
                    if (next != null) {
                        queued--;
                    } else if (!origin.owed.isEmpty()) {
                        owed = Set.copyOf(origin.owed);
                        origin.owed.clear();
                    } else {
                        origin.busy = false;
                        origin.scheduled = false;
                        return;
                    }
                }
            }
            try {
                if (from != null) {
                    recover(origin, from);
                } else if (next != null) {
                    offer(origin, next.channel(), next.message(), true, false);
                } else {
                    for (String channel : owed) {
                        OriginState.Track track = trackOf(origin, channel);
                        if (track != null) {
                            fill(origin, channel, track.sid, null);
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("Catching up origin {} failed, retrying: {}", origin.id, e.toString());
                synchronized (this) {
                    if (from != null) {
                        origin.recoverFrom = origin.recoverFrom == null ? from : Math.min(origin.recoverFrom, from);
                    } else if (next != null) {
                        origin.queue.addFirst(next);
                        queued++;
                    } else {
                        origin.owed.addAll(owed);
                    }
                    origin.scheduled = false;
                    schedule(origin, settings.backoffInitial().toMillis());
                }
                return;
            }
        }
    }

    /** Applies everything the origin logged since {@code fromMillis} (or since its last applied message) on subscribed channels. */
    private void recover(OriginState origin, long fromMillis) {
        String start;
        synchronized (this) {
            start = !sharded && origin.maxApplied != null ? origin.maxApplied.exclusive()
                    : StreamId.atMillis(fromMillis - CLOCK_MARGIN_MILLIS).toString();
        }
        read(origin, start, "+", null);
    }

    /** Applies the entries of {@code channel} logged after {@code after} and before {@code before} (null: to the end). */
    private void fill(OriginState origin, String channel, StreamId after, StreamId before) {
        read(origin, after.exclusive(), before == null ? "+" : before.exclusive(), channel);
    }

    private void read(OriginState origin, String start, String end, String only) {
        log.range(origin.id, start, end, (channel, message) -> {
            if ((only == null || only.equals(channel)) && subscribed.containsKey(channel)) {
                offer(origin, channel, message, only == null, true);
            }
        });
    }

    /**
     * Applies a message in order on the worker: a gap is filled from the log first (when {@code mayFill});
     * what is still missing then is reported lost, and the message becomes the new baseline.
     * {@code fromLog}: it was read from the log (counted as recovered when applied).
     */
    private void offer(OriginState origin, String channel, BusCodec.Received message, boolean mayFill, boolean fromLog) {
        OriginState.Track before = new OriginState.Track();
        synchronized (this) {
            if (step(origin, channel, message, fromLog) != Verdict.GAP) {
                return;
            }
            OriginState.Track track = origin.tracks.get(channel);
            before.cseq = track.cseq;
            before.sid = track.sid;
        }
        if (mayFill) {
            fill(origin, channel, before.sid, message.sid());
        }
        long missing;
        synchronized (this) {
            OriginState.Track track = origin.tracks.get(channel);
            if (step(origin, channel, message, fromLog) != Verdict.GAP) {
                return;
            }
            missing = message.cseq() > track.cseq ? message.cseq() - track.cseq - 1 : message.cseq() - 1;
        }
        reportLoss(origin, channel, Math.max(1, missing));
        synchronized (this) {
            Sub sub = subscribed.get(channel);
            if (sub != null) {
                apply(origin, channel, message, sub, fromLog);
            }
        }
    }

    /**
     * Caller holds the monitor. Applies {@code message} if it is the baseline or the next one, drops a
     * repeat or a message of a channel no longer subscribed, and reports a gap without touching anything.
     */
    private Verdict step(OriginState origin, String channel, BusCodec.Received message, boolean fromLog) {
        Sub sub = subscribed.get(channel);
        if (sub == null) {
            return Verdict.SKIP;
        }
        OriginState.Track track = origin.tracks.get(channel);
        if (track != null && track.generation == sub.generation()) {
            if (message.sid().compareTo(track.sid) <= 0) {
                return Verdict.SKIP;
            }
            if (message.cseq() != track.cseq + 1 && message.cseq() != 1) {
                return Verdict.GAP;
            }
        }
        apply(origin, channel, message, sub, fromLog);
        return Verdict.APPLY;
    }

    /** Caller holds the monitor. */
    private void apply(OriginState origin, String channel, BusCodec.Received message, Sub sub, boolean fromLog) {
        OriginState.Track track = origin.tracks.computeIfAbsent(channel, name -> new OriginState.Track());
        track.cseq = message.cseq();
        track.sid = message.sid();
        track.generation = sub.generation();
        if (origin.maxApplied == null || message.sid().compareTo(origin.maxApplied) > 0) {
            origin.maxApplied = message.sid();
        }
        if (fromLog) {
            recovered.incrementAndGet();
        }
        deliver(message);
    }

    private void deliver(BusCodec.Received message) {
        try {
            receiver.receive(message.message());
        } catch (RuntimeException e) {
            LOG.error("Cluster message receiver failed", e);
        }
    }

    private synchronized OriginState.Track trackOf(OriginState origin, String channel) {
        Sub sub = subscribed.get(channel);
        OriginState.Track track = origin.tracks.get(channel);
        return sub != null && track != null && track.generation == sub.generation() ? track : null;
    }

    private void reportLoss(OriginState origin, String channel, long missing) {
        Sub sub = subscribed.get(channel);
        long outage;
        synchronized (this) {
            outage = outages;
        }
        losses.report(origin.id, channel, sub == null ? null : sub.channel(), missing, outage);
    }

    /** Forgets idle origins and the tracks of channels no longer subscribed. Worker thread. */
    private synchronized void sweep() {
        long now = System.currentTimeMillis();
        long ttl = settings.logTtl().toMillis();
        origins.values().removeIf(origin -> {
            origin.tracks.entrySet().removeIf(entry -> {
                Sub sub = subscribed.get(entry.getKey());
                return sub == null || sub.generation() != entry.getValue().generation;
            });
            return !origin.busy && origin.queue.isEmpty() && now - origin.lastSeen > ttl;
        });
    }

    /** Stops the worker (a read in progress fails on the closing client; nothing is retried). */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
