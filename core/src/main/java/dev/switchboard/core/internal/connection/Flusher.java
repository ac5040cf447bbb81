package dev.switchboard.core.internal.connection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes fan-out frames off the fan-out's thread: a room's delivery only queues its frame to each
 * member, collects the members' sockets in a {@link Batch} and {@link #submit submits} it once; this
 * thread starts the writes. While it works through one fan-out's sockets, the next fan-out queues
 * behind them, so a busy socket's frames leave together: one coalesced frame for a client that asked
 * for batches ({@link FrameBatcher}) instead of one write each. Per-client order is the queue's, so
 * nothing is reordered; a send to a single client still writes at once (and takes whatever waits
 * for it first). While {@link #BACKLOG} or more sockets wait, a submitting thread writes waiting
 * batches itself, oldest first: the lag stays bounded, and a sender that outpaces the sockets is
 * slowed down as it would be without the flusher.
 *
 * <p>Threads: any thread builds and submits batches (a batch belongs to the thread that built it
 * until submitted); one daemon thread per hub flushes, and never blocks on a socket (sends are
 * asynchronous). A socket is in at most one batch at a time ({@link OutboundQueue#claimFlush}).
 */
public final class Flusher implements AutoCloseable {

    /**
     * Sockets left waiting for this thread from which on a submitting thread helps: lower keeps the
     * lag (and a flooding sender's latency) down, higher coalesces more under load (measured in
     * docs/benchmarks.md).
     */
    static final int BACKLOG = Integer.getInteger("switchboard.fanout.flusherBacklog", 1024);

    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);

    private final LinkedBlockingQueue<Batch> due = new LinkedBlockingQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;

    public Flusher(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The sockets of one fan-out whose queued frames are to be written. */
    public static final class Batch {
        private Link[] links;
        private int size;

        /** @param expected the fan-out's recipients, so the batch is sized once */
        public Batch(int expected) {
            links = new Link[Math.max(1, expected)];
        }

        /** Adds {@code link} unless a flush of it is already pending or a send is in flight (which takes its frames). */
        void add(Link link) {
            if (!link.claimFlush()) {
                return;
            }
            if (size == links.length) {
                links = Arrays.copyOf(links, size * 2);
            }
            links[size++] = link;
        }

        int size() {
            return size;
        }

        private void flush() {
            for (int i = 0; i < size; i++) {
                try {
                    links[i].flush();
                } catch (RuntimeException e) {
                    LOG.warn("Flushing a socket's queue failed", e); // the queue reports its own send failures
                }
            }
        }
    }

    /**
     * Has the batch's sockets written by this thread; when {@link #BACKLOG} or more sockets are left
     * waiting, the caller takes waiting batches (oldest first) and writes them itself until fewer are.
     */
    public void submit(Batch batch) {
        if (batch.size == 0) {
            return;
        }
        if (closed) {
            batch.flush();
            return;
        }
        waiting.addAndGet(batch.size);
        due.add(batch);
        for (Batch oldest; waiting.get() >= BACKLOG && (oldest = due.poll()) != null; ) {
            take(oldest);
        }
        if (closed) {
            drain();
        }
    }

    private void run() {
        while (!closed) {
            Batch batch;
            try {
                batch = due.take();
            } catch (InterruptedException e) {
                break;
            }
            take(batch);
        }
    }

    private void take(Batch batch) {
        waiting.addAndGet(-batch.size);
        batch.flush();
    }

    /** Stops the thread and writes what is still submitted on the caller's thread. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }

    private void drain() {
        for (Batch batch; (batch = due.poll()) != null; ) {
            take(batch);
        }
    }
}
