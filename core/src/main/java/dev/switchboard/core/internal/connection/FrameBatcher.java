package dev.switchboard.core.internal.connection;

import dev.switchboard.core.internal.codec.OutboundFrame;

import java.util.ArrayDeque;

/**
 * How an {@link OutboundQueue}'s writer takes the payload of its next send: one frame
 * ({@link #SINGLE}), or everything queued joined into one text frame ({@link Coalescer}) for a
 * client that negotiated {@value #BATCH_SUBPROTOCOL}. Stateless; called under the queue's monitor.
 */
@FunctionalInterface
public interface FrameBatcher {

    /** The subprotocol a client offers to receive several envelopes per frame, separated by {@code \n}. */
    String BATCH_SUBPROTOCOL = "switchboard.v1+batch";

    /** One frame per send: what plain clients get. */
    FrameBatcher SINGLE = ArrayDeque::poll;

    /**
     * Removes the next payload from {@code queued} and returns it, or {@code null} when nothing is
     * queued. Its {@link OutboundFrame#bytes()} are the queued bytes it took, which the queue releases
     * once the send completes (separators added by joining are not counted).
     */
    OutboundFrame take(ArrayDeque<OutboundFrame> queued);

    /** The batcher for a socket that negotiated {@code subprotocol}. */
    static FrameBatcher forSubprotocol(String subprotocol) {
        return BATCH_SUBPROTOCOL.equals(subprotocol) ? Coalescer.DEFAULT : SINGLE;
    }
}
