package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /** Every message before the one with this event (which is taken too), failing if it does not come. */
    List<ClusterMessage> before(String event) throws InterruptedException {
        List<ClusterMessage> seen = until(message -> message.event().equals(event));
        return List.copyOf(seen.subList(0, seen.size() - 1));
    }

    /** The messages other than these barrier events, read until every one of them came (in any order). */
    List<ClusterMessage> beforeAll(Set<String> barriers) throws InterruptedException {
        Set<String> missing = new HashSet<>(barriers);
        List<ClusterMessage> others = new ArrayList<>();
        while (!missing.isEmpty()) {
            ClusterMessage message = next();
            if (!missing.remove(message.event())) {
                others.add(message);
            }
        }
        return others;
    }

    List<ClusterMessage> drain() {
        List<ClusterMessage> rest = new ArrayList<>();
        messages.drainTo(rest);
        return rest;
    }
}
