package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells of cluster messages lost for good (see {@link CatchUp}): counts them, logs a warning once per
 * outage (and at most once a minute otherwise, then at debug), and hands the channel to the
 * receiver, which closes the sessions it reaches with 4009. The count is atomic; the warning's
 * throttle is guarded by this object's monitor.
 */
final class LossReports {

    private static final long WARN_EVERY_MILLIS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

    private final RedisBusBuilder settings;
    private final ClusterBus.Receiver receiver;
    private final AtomicLong lost = new AtomicLong();
    private long warnedOutage = -1;
    private long warnedAt;

    LossReports(RedisBusBuilder settings, ClusterBus.Receiver receiver) {
        this.settings = settings;
        this.receiver = receiver;
    }

    long lost() {
        return lost.get();
    }

    /** {@code missing} messages of {@code origin} on {@code channel} ({@code target}: null if no longer subscribed). */
    void report(String origin, String channel, ClusterChannel target, long missing, long outage) {
        lost.addAndGet(missing);
        if (firstOf(outage, System.currentTimeMillis())) {
            LOG.warn("Lost {} cluster message(s) from {} on {}: no longer in its log (beyond {} entries or {} ms);"
                    + " local sessions on that channel are closed with 4009", missing, origin, channel,
                    settings.logSize(), settings.logTtl().toMillis());
        } else {
            LOG.debug("Lost {} cluster message(s) from {} on {}", missing, origin, channel);
        }
        if (target != null) {
            try {
                receiver.lost(target);
            } catch (RuntimeException e) {
                LOG.error("Cluster loss handler failed", e);
            }
        }
    }

    private synchronized boolean firstOf(long outage, long now) {
        if (warnedOutage == outage && now - warnedAt < WARN_EVERY_MILLIS) {
            return false;
        }
        warnedOutage = outage;
        warnedAt = now;
        return true;
    }
}
