package dev.switchboard.core.internal.connection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * Writes fan-out frames off the fan-out's thread: a room's delivery only queues its frame to each
 * member ({@link Connection#deliver(dev.switchboard.core.internal.codec.OutboundFrame, Flusher)})
 * and hands the member's socket here once; this thread starts the writes. While it works through
 * one fan-out's sockets, the next fan-out queues behind them, so a busy socket's frames leave
 * together: one coalesced frame for a client that asked for batches ({@link FrameBatcher}) instead
 * of one write each. Per-client order is the queue's, so nothing is reordered; a send to a single
 * client still writes at once (and takes whatever waits for it first).
 *
 * <p>Threads: any thread schedules; one daemon thread per hub flushes, and never blocks on a socket
 * (sends are asynchronous). Each socket is held at most once at a time ({@link OutboundQueue#claimFlush}),
 * so the hand-off queue is bounded by the open sockets.
 */
public final class Flusher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);

    /** Sockets waiting for this thread past which a scheduling thread writes itself. */
    static final int BACKLOG = Integer.getInteger("switchboard.fanout.flusherBacklog", 1024);

    private final LinkedBlockingQueue<Link> due = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    public Flusher(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Has {@code link}'s queued frames written soon, unless a flush of it is pending or a send is in flight. */
    void schedule(Link link) {
        if (!link.claimFlush()) {
            return;
        }
        if (due.size() >= BACKLOG) {
            flush(link); // behind: the fan-out's own thread writes too, and so slows down its sender
            return;
        }
        due.add(link);
        if (closed) {
            drain(); // after close, the caller writes
        }
    }

    private void run() {
        while (!closed) {
            Link link;
            try {
                link = due.take();
            } catch (InterruptedException e) {
                break;
            }
            flush(link);
        }
    }

    private static void flush(Link link) {
        try {
            link.flush();
        } catch (RuntimeException e) {
            LOG.warn("Flushing a socket's queue failed", e); // the queue reports its own send failures
        }
    }

    /** Stops the thread and writes what is still scheduled on the caller's thread. */
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
        for (Link link; (link = due.poll()) != null; ) {
            flush(link);
        }
    }
}
