package dev.switchboard.core.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bus log (see {@link BusLog}) over a pooled client: an origin's entries in a range, a
 * page at a time, and the origins active since a moment. Blocking I/O: only the catch-up worker
 * calls it. Stateless apart from the thread-safe client.
 */
final class LogReader {

    /** Receives the entries of a range in log order. */
    interface Visitor {
        void entry(String channel, BusCodec.Received message);
    }

    private static final int PAGE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(LogReader.class);

    private final UnifiedJedis redis;
    private final ChannelNames names;

    LogReader(UnifiedJedis redis, ChannelNames names) {
        this.redis = redis;
        this.names = names;
    }

    /**
     * Visits the well-formed logged entries of {@code origin} from {@code start} to {@code end}
     * (XRANGE bounds: an id, {@code (id} exclusive, or {@code +}).
     *
     * @throws RuntimeException when Redis fails; entries visited so far were visited
     */
    void range(String origin, String start, String end, Visitor visitor) {
        String key = BusLog.logKey(names.prefix(), origin);
        String from = start;
        while (true) {
            List<StreamEntry> page = redis.xrange(key, from, end, PAGE);
            for (StreamEntry entry : page) {
                BusCodec.Received message = decode(entry);
                if (message != null) {
                    visitor.entry(names.name(message.message().channel()), message);
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            from = "(" + page.get(page.size() - 1).getID();
        }
    }

    /** Origins that published at or after {@code millis} (their clock). */
    List<String> activeSince(long millis) {
        return new ArrayList<>(redis.zrangeByScore(BusLog.originsKey(names.prefix()), millis, Double.POSITIVE_INFINITY));
    }

    private static BusCodec.Received decode(StreamEntry entry) {
        String text = entry.getFields().get(BusLog.FIELD);
        try {
            BusCodec.Received message = text == null ? null : BusCodec.decodeReceived(text);
            return message != null && message.logged() ? message : null;
        } catch (RuntimeException e) {
            LOG.debug("Ignoring a malformed log entry {}: {}", entry.getID(), e.toString());
            return null;
        }
    }
}
