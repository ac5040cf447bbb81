package dev.switchboard.core.internal.connection;

import dev.switchboard.core.internal.codec.OutboundFrame;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Joins the frames queued behind a send in flight into one text frame, in queue order, separated by
 * {@code \n} (JSON text from the server never holds a raw newline), up to {@code maxBytes} UTF-8
 * bytes; a frame larger than that goes alone. Each envelope keeps its own {@code seq}. Numbered
 * frames are appended straight into the batch, so their per-session copy is never built.
 *
 * <p>Immutable; called under the owning queue's monitor.
 */
final class Coalescer implements FrameBatcher {

    /** Batches stay below the smallest message buffer clients commonly use (64 KiB). */
    static final int DEFAULT_MAX_BYTES = 32 * 1024;

    static final Coalescer DEFAULT = new Coalescer(DEFAULT_MAX_BYTES);

    private final int maxBytes;

    Coalescer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public OutboundFrame take(ArrayDeque<OutboundFrame> queued) {
        OutboundFrame first = queued.poll();
        OutboundFrame second = queued.peek();
        if (first == null || second == null || first.plain() || second.plain()
                || (long) first.bytes() + 1 + second.bytes() > maxBytes) {
            return first;
        }
        int count = 1;
        long bytes = first.bytes();
        int chars = first.length();
        for (Iterator<OutboundFrame> next = queued.iterator(); next.hasNext(); count++) {
            OutboundFrame frame = next.next();
            if (frame.plain() || bytes + count + frame.bytes() > maxBytes) {
                break;
            }
            bytes += frame.bytes();
            chars += 1 + frame.length();
        }
        StringBuilder batch = new StringBuilder(chars);
        first.appendTo(batch);
        for (int i = 1; i < count; i++) {
            batch.append('\n');
            queued.poll().appendTo(batch);
        }
        return new OutboundFrame(batch.toString(), (int) bytes);
    }
}
