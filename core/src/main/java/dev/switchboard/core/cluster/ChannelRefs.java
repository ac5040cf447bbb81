package dev.switchboard.core.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reference counts of subscribed channels; reports the first and last reference so the caller
 * subscribes and unsubscribes only on those transitions. State is guarded by this object's monitor.
 */
final class ChannelRefs<C> {

    private final Map<C, Integer> counts = new HashMap<>();

    /** Adds a reference; {@code true} when it is the first. */
    synchronized boolean acquire(C channel) {
        return counts.merge(channel, 1, Integer::sum) == 1;
    }

    /** Drops a reference; {@code true} when it was the last. Releasing an unknown channel does nothing. */
    synchronized boolean release(C channel) {
        Integer count = counts.get(channel);
        if (count == null) {
            return false;
        }
        if (count == 1) {
            counts.remove(channel);
            return true;
        }
        counts.put(channel, count - 1);
        return false;
    }

    synchronized boolean contains(C channel) {
        return counts.containsKey(channel);
    }

    synchronized Set<C> snapshot() {
        return Set.copyOf(counts.keySet());
    }
}
