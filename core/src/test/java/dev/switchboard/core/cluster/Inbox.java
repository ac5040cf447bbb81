package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A bus receiver that records messages for assertions; the queue is its only state. */
final class Inbox implements ClusterBus.Receiver {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<ClusterMessage> messages = new LinkedBlockingQueue<>();

    @Override
    public void receive(ClusterMessage message) {
        messages.add(message);
    }

    ClusterMessage next() throws InterruptedException {
        ClusterMessage message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(message, "no message within " + WAIT);
        return message;
    }

    /** Every message up to and including the first matching one. */
    List<ClusterMessage> until(Predicate<ClusterMessage> last) throws InterruptedException {
        List<ClusterMessage> seen = new ArrayList<>();
        while (true) {
            ClusterMessage message = next();
            seen.add(message);
            if (last.test(message)) {
                return seen;
            }
        }
    }

    List<ClusterMessage> drain() {
        List<ClusterMessage> rest = new ArrayList<>();
        messages.drainTo(rest);
        return rest;
    }
}
