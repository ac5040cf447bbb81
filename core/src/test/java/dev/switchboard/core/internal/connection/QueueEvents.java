package dev.switchboard.core.internal.connection;

import dev.switchboard.core.internal.codec.OutboundFrame;

import java.util.function.Consumer;

/** A queue owner for queue tests: counts and records what the queue reports; frames go out as they are. */
record QueueEvents(Runnable onDrained, Runnable onClosed, Consumer<Throwable> onFailed) implements OutboundQueue.Events {

    @Override
    public void drained() {
        onDrained.run();
    }

    @Override
    public void closed() {
        onClosed.run();
    }

    @Override
    public void failed(Throwable failure) {
        onFailed.accept(failure);
    }

    @Override
    public OutboundFrame wire(OutboundFrame frame) {
        return frame;
    }
}
