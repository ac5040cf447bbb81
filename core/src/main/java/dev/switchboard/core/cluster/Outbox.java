package dev.switchboard.core.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded, ordered queue of outgoing messages drained by one publisher thread. {@link #offer} takes
 * a short lock and returns at once; the publisher sends batches in order through a {@link Sink} and,
 * when the sink fails (broker unreachable), keeps the batch and retries it with backoff, so nothing
 * is reordered. Once the broker answers again it waits a grace period before resending, so other
 * nodes' subscribers (reconnecting with the same backoff) are back before the held messages go out.
 * When the queue (counting the batch in flight) is full, new messages are dropped and counted.
 *
 * <p>The queue is guarded by this object's monitor; the batch in flight belongs to the publisher thread.
 */
final class Outbox<M> implements AutoCloseable {

    /** Sends a batch, all or nothing as far as the caller knows; throws when the broker is unreachable. */
    interface Sink<M> {
        void send(List<M> batch) throws Exception;

        /** A cheap round trip (PING) that throws while the broker is unreachable. */
        void probe() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final int MAX_BATCH = 256;

    private final ArrayDeque<M> queue = new ArrayDeque<>();
    private final int capacity;
    private final Sink<M> sink;
    private final Backoff backoff;
    private final Thread publisher;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private boolean closed;
    private int inFlight;

    private final long graceMillis;

    Outbox(String name, int capacity, Sink<M> sink, Backoff backoff, long graceMillis) {
        this.graceMillis = graceMillis;
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity must be positive");
        }
        this.capacity = capacity;
        this.sink = sink;
        this.backoff = backoff;
        this.publisher = new Thread(this::run, name);
        publisher.setDaemon(true);
        publisher.start();
    }

    /** Queues a message; {@code false} (and counted) when the outbox is full or closed. */
    boolean offer(M message) {
        synchronized (this) {
            if (!closed && queue.size() + inFlight < capacity) {
                queue.addLast(message);
                notifyAll();
                return true;
            }
        }
        dropped.incrementAndGet();
        return false;
    }

    long published() {
        return published.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** Messages not published yet: queued, or in the batch being sent (or retried while the broker is down); 0 once closed (dropped). */
    synchronized long pending() {
        return closed ? 0 : queue.size() + inFlight;
    }

    private void run() {
        List<M> batch = new ArrayList<>();
        boolean recovering = false;
        while (true) {
            if (batch.isEmpty() && !take(batch)) {
                return;
            }
            try {
                if (recovering) {
                    sink.probe();
                    Thread.sleep(graceMillis);
                    recovering = false;
                }
                sink.send(batch);
                published.addAndGet(batch.size());
                batch.clear();
                backoff.reset();
                sent();
            } catch (InterruptedException e) {
                dropped.addAndGet(batch.size());
                return;
            } catch (Exception e) {
                recovering = true;
                LOG.debug("Publishing {} message(s) failed, retrying: {}", batch.size(), e.toString());
                if (isClosed() || !backoff.pause()) {
                    dropped.addAndGet(batch.size());
                    return;
                }
            }
        }
    }

    /** Waits for messages and moves up to a batch of them; {@code false} once closed. */
    private synchronized boolean take(List<M> batch) {
        while (queue.isEmpty() && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                return false;
            }
        }
        if (closed) {
            return false;
        }
        for (int i = 0; i < MAX_BATCH && !queue.isEmpty(); i++) {
            batch.add(queue.pollFirst());
        }
        inFlight = batch.size();
        return true;
    }

    private synchronized void sent() {
        inFlight = 0;
        notifyAll();
    }

    /** Waits until everything queued so far has been sent, at most {@code millis}; {@code true} when it was. */
    synchronized boolean flush(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while ((!queue.isEmpty() || inFlight > 0) && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return queue.isEmpty() && inFlight == 0;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Stops the publisher; messages not yet sent are dropped and counted. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            dropped.addAndGet(queue.size());
            queue.clear();
            notifyAll();
        }
        publisher.interrupt();
        try {
            publisher.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
