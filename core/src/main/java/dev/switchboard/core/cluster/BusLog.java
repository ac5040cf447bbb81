package dev.switchboard.core.cluster;

import redis.clients.jedis.PipeliningBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The publishing half of the bus log: numbers an origin's messages and writes them to its Redis
 * Stream. Every message on a logged channel (all but {@code node:*}) gets a {@code cseq} (1, 2, 3…
 * per channel) and a {@code sid}, a stream id strictly increasing per origin ({@code <millis>-<n>}
 * from this process's clock, never moving back). Each batch the publisher sends also carries, ahead
 * of its PUBLISHes, {@code XADD <prefix>:log:<origin> MAXLEN ~ size <sid> m <json>} per message
 * and, at most once a second (and after a failed batch), {@code PEXPIRE} of that key to the TTL (a
 * dead origin's log expires), {@code ZADD <prefix>:origins <now> <origin>} (how a reconnecting node
 * finds origins it never heard from; readers allow {@link CatchUp#CLOCK_MARGIN_MILLIS} for the
 * second) and {@code PEXPIRE} of that set, which is trimmed of origins silent for longer than the
 * TTL every few seconds.
 *
 * <p>Counters are kept for at most {@value #MAX_CHANNELS} channels, each dropped after a TTL without
 * a publish; a dropped channel starts again at {@code cseq} 1, which receivers take as a new
 * baseline. Guarded by this object's monitor ({@link #next}), apart from {@link #write}, which only
 * the publisher thread calls.
 */
final class BusLog {

    /** Where a message sits in its origin's log. */
    record Position(long cseq, StreamId sid) {
    }

    /** A message ready for Redis: its channel name, its JSON text without position, and its position (null: not logged). */
    record Outgoing(String channel, String body, Position position) {
        /** The text that goes to Redis (built on the publisher thread). */
        String payload() {
            return position == null ? body : BusCodec.withPosition(body, position.cseq(), position.sid());
        }
    }

    static final int MAX_CHANNELS = 100_000;
    static final String FIELD = "m";
    private static final long TRIM_EVERY_MILLIS = 5_000;
    private static final long UPKEEP_EVERY_MILLIS = 1_000;

    private final String origin;
    private final String logKey;
    private final String originsKey;
    private final int size;
    private final long ttlMillis;
    private final Map<String, long[]> counters = new LinkedHashMap<>(64, 0.75f, true);
    private StreamId last = new StreamId(0, 0);
    private long trimmedAt;
    private long keptAt;

    BusLog(String prefix, String origin, int size, Duration ttl) {
        this.origin = origin;
        this.logKey = logKey(prefix, origin);
        this.originsKey = originsKey(prefix);
        this.size = size;
        this.ttlMillis = ttl.toMillis();
    }

    static String logKey(String prefix, String origin) {
        return prefix + ":log:" + origin;
    }

    static String originsKey(String prefix) {
        return prefix + ":origins";
    }

    /** Whether the log is on (a size of 0 turns it off: messages carry no position, nothing is written). */
    boolean enabled() {
        return size > 0;
    }

    int size() {
        return size;
    }

    long ttlMillis() {
        return ttlMillis;
    }

    /** The next position on {@code channel}; call in the same step as queuing the message, so ids follow queue order. */
    synchronized Position next(String channel, long now) {
        long[] counter = counters.get(channel);
        if (counter == null) {
            counter = new long[2];
            counters.put(channel, counter);
        }
        counter[0]++;
        counter[1] = now;
        last = last.next(now);
        forgetIdle(now);
        return new Position(counter[0], last);
    }

    /** Drops counters unused for a TTL, and the least recently used past the bound (access order: eldest first). */
    private void forgetIdle(long now) {
        Iterator<long[]> eldest = counters.values().iterator();
        while (eldest.hasNext()) {
            long[] counter = eldest.next();
            if (counters.size() <= MAX_CHANNELS && now - counter[1] <= ttlMillis) {
                return;
            }
            eldest.remove();
        }
    }

    /** A batch failed: the next one refreshes the TTL and the origin's entry again, whatever the time. Publisher thread only. */
    void failed() {
        keptAt = 0;
    }

    /**
     * Queues the log commands for a batch on a pipeline, before its PUBLISHes ({@code payloads[i]} is
     * {@code batch[i]}'s text). Publisher thread only.
     *
     * @return the XADD responses (empty when nothing in the batch is logged)
     */
    List<Response<StreamEntryID>> write(PipeliningBase pipeline, List<Outgoing> batch, List<String> payloads, long now) {
        List<Response<StreamEntryID>> added = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Position position = batch.get(i).position();
            if (position != null) {
                added.add(pipeline.xadd(logKey, XAddParams.xAddParams().id(position.sid().toString()).maxLen(size)
                        .approximateTrimming(), Map.of(FIELD, payloads.get(i))));
            }
        }
        if (added.isEmpty() || now - keptAt < UPKEEP_EVERY_MILLIS) {
            return added;
        }
        keptAt = now;
        pipeline.pexpire(logKey, ttlMillis);
        pipeline.zadd(originsKey, now, origin);
        pipeline.pexpire(originsKey, ttlMillis);
        if (now - trimmedAt >= TRIM_EVERY_MILLIS) {
            trimmedAt = now;
            pipeline.zremrangeByScore(originsKey, Double.NEGATIVE_INFINITY, now - ttlMillis);
        }
        return added;
    }
}
