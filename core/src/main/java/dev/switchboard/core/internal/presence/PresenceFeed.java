package dev.switchboard.core.internal.presence;

import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.rooms.RoomIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Turns this node's membership changes in rooms with presence into {@code presence} pushes. It
 * wraps the room index's observer (every call is passed on first), notes each {@code joined} and
 * {@code left} of a matching room in that room's pending batch, and sends the batch later on a
 * serial lane: {@code joined}/{@code left} run under the member's monitor, where nothing may be
 * delivered (delivering takes other connections' monitors). Batches of one room go out in the order
 * of their changes; changes that meet in a pending batch are merged, and a join and a leave of one
 * client cancel out (the room never saw it). Each node sends only its own clients' changes, through
 * the delivery seam, so every member in the cluster gets each change once.
 *
 * <p>The pending batches are guarded by this object's monitor, taken after a member's monitor and
 * never while taking another; the sender runs on the lane only.
 */
public final class PresenceFeed implements RoomIndex.Observer {

    /** Sends one batch to the room's members on every node. */
    public interface Sender {
        void send(String room, PresencePayloads.Change change);
    }

    private static final Logger LOG = LoggerFactory.getLogger(PresenceFeed.class);

    private final RoomIndex.Observer next;
    private final PresenceRule rule;
    private final Executor lane;
    private final Map<String, Batch> pending = new HashMap<>();
    private volatile Sender sender = (room, change) -> { };

    /**
     * @param next the observer every call is passed on to (the cluster subscriptions)
     * @param lane runs tasks one at a time in order, never on the caller's thread
     */
    public PresenceFeed(RoomIndex.Observer next, PresenceRule rule, Executor lane) {
        this.next = next;
        this.rule = rule;
        this.lane = lane;
    }

    /** Where batches go from now on (set once the delivery seam exists, before any connection). */
    public void start(Sender sender) {
        this.sender = sender;
    }

    @Override
    public void opened(String room) {
        next.opened(room);
    }

    @Override
    public void closed(String room) {
        next.closed(room);
    }

    @Override
    public void joined(String room, Connection connection) {
        next.joined(room, connection);
        if (rule.matches(room)) {
            note(room, new PresencePayloads.Member(connection.id(), connection.userId()), true);
        }
    }

    @Override
    public void left(String room, Connection connection) {
        next.left(room, connection);
        if (rule.matches(room)) {
            note(room, new PresencePayloads.Member(connection.id(), connection.userId()), false);
        }
    }

    private void note(String room, PresencePayloads.Member member, boolean joined) {
        boolean first;
        synchronized (this) {
            Batch batch = pending.get(room);
            first = batch == null;
            if (first) {
                batch = new Batch();
                pending.put(room, batch);
            }
            batch.add(member, joined);
        }
        if (first) {
            lane.execute(() -> flush(room));
        }
    }

    private void flush(String room) {
        Batch batch;
        synchronized (this) {
            batch = pending.remove(room);
        }
        if (batch == null || batch.joined.isEmpty() && batch.left.isEmpty()) {
            return;
        }
        try {
            sender.send(room, new PresencePayloads.Change(room, List.copyOf(batch.joined.values()),
                    List.copyOf(batch.left.values())));
        } catch (RuntimeException e) {
            LOG.warn("Sending a presence change of a room failed", e);
        }
    }

    /** The changes of one room not sent yet, by client id. Guarded by the feed's monitor. */
    private static final class Batch {
        final Map<String, PresencePayloads.Member> joined = new LinkedHashMap<>();
        final Map<String, PresencePayloads.Member> left = new LinkedHashMap<>();

        void add(PresencePayloads.Member member, boolean join) {
            Map<String, PresencePayloads.Member> same = join ? joined : left;
            Map<String, PresencePayloads.Member> opposite = join ? left : joined;
            if (opposite.remove(member.clientId()) == null) {
                same.put(member.clientId(), member);
            }
        }
    }
}
