package dev.switchboard.core.cluster;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What {@link CatchUp} knows of one origin: per channel the last applied {@code cseq}/{@code sid}
 * (and the subscription generation it belongs to), the live messages waiting behind a catch-up,
 * the channels whose live messages overflowed the queue bound (re-read from the log later), and
 * whether a recovery read is due. Guarded by the owning {@link CatchUp}'s monitor.
 */
final class OriginState {

    /** The last message applied on one channel. */
    static final class Track {
        long cseq;
        StreamId sid;
        long generation;
    }

    /** A live message waiting behind a catch-up. */
    record Pending(String channel, BusCodec.Received message) {
    }

    final String id;
    final Map<String, Track> tracks = new HashMap<>();
    final ArrayDeque<Pending> queue = new ArrayDeque<>();
    final Set<String> owed = new HashSet<>();
    /** The highest sid applied from this origin, on any channel. */
    StreamId maxApplied;
    /** When set, the log is read from this moment (epoch millis) before the queue. */
    Long recoverFrom;
    /** Live messages queue instead of being applied on the subscriber thread. */
    boolean busy;
    /** A worker task for this origin is queued or running. */
    boolean scheduled;
    long lastSeen;

    OriginState(String id) {
        this.id = id;
    }
}
