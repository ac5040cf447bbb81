package dev.switchboard.core.testing;

import dev.switchboard.core.internal.connection.Transport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub's connection interface in memory: records frames and closes. In {@code manual} mode
 * sends complete only when the test says so; otherwise they complete inside {@code sendText}.
 * Thread-safe (monitor).
 */
public final class MemoryTransport implements Transport {

    private final boolean manual;
    private final List<String> sent = new ArrayList<>();
    private final ArrayDeque<Completion> pending = new ArrayDeque<>();
    private int inFlight;
    private int maxInFlight;
    private Integer closeCode;
    private int closeCalls;

    public MemoryTransport(boolean manual) {
        this.manual = manual;
    }

    @Override
    public void sendText(String text, Completion completion) {
        synchronized (this) {
            sent.add(text);
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            if (manual) {
                pending.add(completion);
                return;
            }
            inFlight--;
        }
        completion.done(null);
    }

    /** Completes the oldest pending send; false if none. */
    public boolean completeOne() {
        Completion completion;
        synchronized (this) {
            completion = pending.poll();
            if (completion == null) {
                return false;
            }
            inFlight--;
        }
        completion.done(null);
        return true;
    }

    public void completeAll() {
        while (completeOne()) {
            Thread.onSpinWait();
        }
    }

    /** Fails the oldest pending send, as a broken socket would. */
    public void failOne(Throwable failure) {
        Completion completion;
        synchronized (this) {
            completion = pending.poll();
            inFlight--;
        }
        completion.done(failure);
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCalls++;
        if (closeCode == null) {
            closeCode = code;
        }
    }

    public synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    public synchronized int maxInFlight() {
        return maxInFlight;
    }

    public synchronized Integer closeCode() {
        return closeCode;
    }

    public synchronized int closeCalls() {
        return closeCalls;
    }
}
