package dev.switchboard.core.internal.session;

import dev.switchboard.core.internal.codec.OutboundFrame;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * One session's sequence numbers and its last messages, bounded by count and by UTF-8 bytes. It
 * keeps the frames as encoded once for every recipient (without {@code seq}) and numbers them on
 * the way out, so a fan-out shares one text across all buffers.
 *
 * <p>Sequence numbers start at 1 and increase by one; entries are consecutive, the oldest being
 * {@code firstSeq}. Not thread-safe: the owning connection's monitor guards it.
 */
public final class ReplayBuffer {

    private final int maxCount;
    private final long maxBytes;
    private final ArrayDeque<OutboundFrame> frames = new ArrayDeque<>(2); // grows with traffic only
    private long firstSeq = 1;
    private long nextSeq = 1;
    private long bytes;

    public ReplayBuffer(int maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /** Gives the frame the next sequence number and keeps it, evicting the oldest beyond the bounds. */
    public long append(OutboundFrame frame) {
        long seq = nextSeq++;
        frames.addLast(frame);
        bytes += numberedBytes(frame, seq);
        while (!frames.isEmpty() && (frames.size() > maxCount || bytes > maxBytes)) {
            bytes -= numberedBytes(frames.removeFirst(), firstSeq);
            firstSeq++;
        }
        if (frames.isEmpty()) {
            firstSeq = nextSeq;
        }
        return seq;
    }

    /** The highest sequence number given out, 0 before the first message. */
    public long lastSeq() {
        return nextSeq - 1;
    }

    /** The lowest sequence number still kept (the next one to be given out when empty). */
    public long firstSeq() {
        return firstSeq;
    }

    public int size() {
        return frames.size();
    }

    public long bytes() {
        return bytes;
    }

    /**
     * The numbered frames after {@code lastSeq}, in order, when the buffer still holds every one of
     * them; {@code null} when some are gone ({@code lastSeq < firstSeq - 1}) or {@code lastSeq} was
     * never given out.
     */
    public List<OutboundFrame> after(long lastSeq) {
        if (lastSeq < firstSeq - 1 || lastSeq > lastSeq()) {
            return null;
        }
        int count = (int) (lastSeq() - lastSeq);
        OutboundFrame[] replay = new OutboundFrame[count];
        Iterator<OutboundFrame> newestFirst = frames.descendingIterator();
        for (int i = count - 1; i >= 0; i--) {
            replay[i] = numbered(newestFirst.next(), lastSeq + 1 + i);
        }
        return Arrays.asList(replay);
    }

    /** The frame with {@code "seq":N} spliced in after its opening brace; no JSON work, no copy until written. */
    public static OutboundFrame numbered(OutboundFrame frame, long seq) {
        return frame.numbered(seq);
    }

    private static long numberedBytes(OutboundFrame frame, long seq) {
        return frame.bytes() + 7 + digits(seq);
    }

    private static int digits(long value) {
        return OutboundFrame.digits(value);
    }
}
