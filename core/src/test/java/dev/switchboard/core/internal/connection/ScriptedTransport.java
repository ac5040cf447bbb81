package dev.switchboard.core.internal.connection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Transport} in memory whose sends complete when the test says: inside {@code sendText}
 * (synchronous completion, as some containers do) or later, from whichever thread calls
 * {@link #complete()}. It logs sends and closes in one list, in the order they happened, and counts
 * sends in flight and re-entrant sends. Thread-safe: the monitor guards every field; completions
 * run outside it.
 */
final class ScriptedTransport implements Transport {

    private final ArrayDeque<Completion> pending = new ArrayDeque<>();
    private final List<String> log = new ArrayList<>();
    private final List<String> senderThreads = new ArrayList<>();
    private boolean inline;
    private RuntimeException refusal;
    private int inFlight;
    private int maxInFlight;
    private int depth;
    private int maxDepth;

    /** Sends complete inside {@code sendText} when true, on {@link #complete()} otherwise. */
    synchronized ScriptedTransport inline(boolean value) {
        inline = value;
        return this;
    }

    /** The next {@code sendText} throws this instead of sending. */
    synchronized void refuseNextSend(RuntimeException failure) {
        refusal = failure;
    }

    @Override
    public void sendText(String text, Completion completion) {
        boolean now;
        synchronized (this) {
            if (refusal != null) {
                RuntimeException failure = refusal;
                refusal = null;
                throw failure;
            }
            log.add("send " + text);
            senderThreads.add(Thread.currentThread().getName());
            maxInFlight = Math.max(maxInFlight, ++inFlight);
            maxDepth = Math.max(maxDepth, ++depth);
            now = inline;
            if (!now) {
                pending.add(completion);
            }
        }
        try {
            if (now) {
                finish(completion, null);
            }
        } finally {
            synchronized (this) {
                depth--;
            }
        }
    }

    /** Completes the oldest send still in flight successfully; false when none is. */
    boolean complete() {
        return completeWith(null);
    }

    /** Completes the oldest send still in flight with a failure, as a broken socket would. */
    boolean fail(Throwable failure) {
        return completeWith(failure);
    }

    private boolean completeWith(Throwable failure) {
        Completion completion;
        synchronized (this) {
            completion = pending.poll();
            if (completion == null) {
                return false;
            }
        }
        finish(completion, failure);
        return true;
    }

    private void finish(Completion completion, Throwable failure) {
        synchronized (this) {
            inFlight--;
            log.add(failure == null ? "done" : "failed");
        }
        completion.done(failure);
    }

    @Override
    public synchronized void close(int code, String reason) {
        log.add("close " + code + " " + reason);
    }

    synchronized List<String> log() {
        return List.copyOf(log);
    }

    /** The texts sent so far, in order. */
    synchronized List<String> sent() {
        return log.stream().filter(line -> line.startsWith("send ")).map(line -> line.substring(5)).toList();
    }

    synchronized List<String> closes() {
        return log.stream().filter(line -> line.startsWith("close ")).toList();
    }

    synchronized List<String> senderThreads() {
        return List.copyOf(senderThreads);
    }

    synchronized int maxInFlight() {
        return maxInFlight;
    }

    /** The deepest nesting of {@code sendText} calls: 2 or more means a completion re-entered the queue's loop. */
    synchronized int maxDepth() {
        return maxDepth;
    }

    /** Sends completed so far (successfully or not). */
    synchronized int completed() {
        return (int) log.stream().filter(line -> line.equals("done") || line.equals("failed")).count();
    }

    synchronized int inFlight() {
        return inFlight;
    }
}
