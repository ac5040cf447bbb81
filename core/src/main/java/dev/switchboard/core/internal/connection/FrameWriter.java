package dev.switchboard.core.internal.connection;

import dev.switchboard.core.internal.codec.OutboundFrame;

/**
 * What a socket's single writer sends for each queued frame, and what it reports when the socket
 * is done: the seam through which encryption seals frames per recipient at send time (see
 * {@code internal.crypto.Encryption}). Implementations are thread-safe and never block.
 */
public interface FrameWriter {

    /** Sends every frame as encoded. */
    FrameWriter PLAIN = new FrameWriter() {
        @Override
        public OutboundFrame wire(Link link, OutboundFrame frame) {
            return frame;
        }

        @Override
        public void closed(Link link) {
        }
    };

    /**
     * What to send for {@code frame} on {@code link} (itself, or its sealed form); called by the
     * link's writer, one frame at a time and in wire order.
     */
    OutboundFrame wire(Link link, OutboundFrame frame);

    /** The link's queue closed its socket or learnt it closed: nothing more is sent on it. */
    void closed(Link link);
}
