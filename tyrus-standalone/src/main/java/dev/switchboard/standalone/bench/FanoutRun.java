package dev.switchboard.standalone.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fan-out rounds over clients already in one room: client 0 sends {@code messages} {@code chat:send}
 * requests whose text is {@code round:index:nanoTime}, either {@code window} at a time or at
 * {@code rate} per second; every client must get every message of the round exactly once and in
 * order, and the latency is the loader's clock at delivery minus the one in the text (one process,
 * one clock). Used by {@code fanout} and {@code cluster}.
 *
 * <p>Threads: the scenario thread starts a round and waits on its latches; each {@link Receiver} is
 * confined to its socket's JDK callbacks during the round and read after the latch; the sender's
 * counters are atomics, and a message is numbered and queued for sending under {@code sendOrder},
 * so messages leave in the order of their numbers.
 */
final class FanoutRun {

    /** One round's raw outcome; {@code latencies[g]} holds the samples of clients {@code i} with {@code i % groups == g}. */
    record Outcome(long deliveries, long elapsedNanos, double cpuNanos, Stats.Samples all, Stats.Samples[] latencies) {
    }

    private final String label;
    private final List<LoadClient> clients;
    private final List<Receiver> receivers = new ArrayList<>();
    private final String room;
    private final BenchOptions options;
    private final int groups;
    private final AtomicInteger sent = new AtomicInteger();
    /** Held while a message is numbered and queued on the sender's socket. */
    private final Object sendOrder = new Object();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicLong lastDelivery = new AtomicLong();
    private volatile int round = -1;
    private volatile CountDownLatch delivered;
    private volatile CountDownLatch responses;
    private volatile String senderError;

    FanoutRun(String label, List<LoadClient> clients, String room, BenchOptions options, int groups) {
        this.label = label;
        this.clients = clients;
        this.room = room;
        this.options = options;
        this.groups = groups;
        for (LoadClient client : clients) {
            Receiver receiver = new Receiver();
            receivers.add(receiver);
            client.handler(client.index == 0 ? new Sender(receiver) : receiver);
        }
    }

    /** Runs round {@code number} and checks it; the figures are the caller's to keep or drop. */
    Outcome round(int number, Target target) {
        int messages = options.messages();
        for (Receiver receiver : receivers) {
            receiver.reset(messages);
        }
        sent.set(0);
        answered.set(0);
        lastDelivery.set(0);
        delivered = new CountDownLatch(clients.size());
        responses = new CountDownLatch(messages);
        round = number;
        double cpuBefore = target.cpuNanos();
        long start = System.nanoTime();
        ScheduledExecutorService pacer = null;
        if (options.rate() > 0) {
            pacer = Executors.newSingleThreadScheduledExecutor();
            ScheduledExecutorService self = pacer;
            pacer.scheduleAtFixedRate(() -> {
                if (!sendNext()) {
                    self.shutdown();
                }
            }, 0, 1_000_000_000L / options.rate(), TimeUnit.NANOSECONDS);
        } else {
            for (int i = 0; i < Math.min(options.window(), messages); i++) {
                sendNext();
            }
        }
        long timeoutSeconds = 60 + (long) clients.size() * messages / 10_000
                + (options.rate() > 0 ? messages / options.rate() : 0);
        boolean complete = await(delivered, timeoutSeconds) && await(responses, 30);
        long elapsed = lastDelivery.get() - start;
        double cpu = target.cpuNanos() - cpuBefore;
        if (pacer != null) {
            pacer.shutdownNow();
        }
        check(number, complete);
        Stats.Samples all = new Stats.Samples(clients.size() * messages);
        Stats.Samples[] byGroup = new Stats.Samples[groups];
        for (int g = 0; g < groups; g++) {
            byGroup[g] = new Stats.Samples(clients.size() * messages / groups + 1);
        }
        for (int i = 0; i < receivers.size(); i++) {
            all.addAll(receivers.get(i).latencies);
            byGroup[i % groups].addAll(receivers.get(i).latencies);
        }
        return new Outcome((long) clients.size() * messages, elapsed, cpu, all, byGroup);
    }

    /** After the last round: every client's echo must come back, and still nothing was lost, doubled or reordered. */
    void finish(int number) {
        Barrier.roundTrip(label, clients);
        check(number, true);
    }

    private boolean sendNext() {
        // the window's first sends (scenario thread) race the ones answers trigger (the socket's callback):
        // a message's number and its place in the socket's send order are taken together, or 4 may leave before 3
        synchronized (sendOrder) {
            int index = sent.getAndIncrement();
            if (index >= options.messages()) {
                return false;
            }
            String text = round + ":" + index + ":" + System.nanoTime();
            clients.get(0).send(Frames.request("m" + round + "-" + index, "chat:send",
                    "{\"room\":" + Frames.quote(room) + ",\"text\":\"" + text + "\"}"));
            return true;
        }
    }

    private void check(int number, boolean complete) {
        if (senderError != null) {
            throw new BenchFailure(label + ": verification FAILED in round " + number + ": chat:send answered " + senderError);
        }
        List<String> problems = new ArrayList<>();
        int incomplete = 0;
        for (int i = 0; i < receivers.size(); i++) {
            Receiver receiver = receivers.get(i);
            if (receiver.violation != null && problems.size() < 5) {
                problems.add("client " + i + ": " + receiver.violation);
            }
            if (receiver.next != options.messages()) {
                incomplete++;
                if (problems.size() < 5) {
                    problems.add("client " + i + " got " + receiver.next + " of " + options.messages() + " in order");
                }
            }
        }
        if (!problems.isEmpty() || !complete) {
            throw new BenchFailure(label + ": verification FAILED in round " + number + ": " + incomplete + " of "
                    + receivers.size() + " clients incomplete, " + answered.get() + " of " + options.messages()
                    + " chat:send answered; " + String.join("; ", problems));
        }
    }

    private static boolean await(CountDownLatch latch, long seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One client's view of the round: the next index it expects, its latencies, its first violation. */
    private final class Receiver implements LoadClient.Handler {
        Stats.Samples latencies = new Stats.Samples(1);
        int next;
        volatile String violation;

        void reset(int messages) {
            latencies = new Stats.Samples(messages);
            next = 0;
        }

        @Override
        public void onFrame(LoadClient client, String frame) {
            String event = Frames.string(frame, "event");
            if ("chat:message".equals(event)) {
                long now = System.nanoTime();
                String[] parts = String.valueOf(Frames.string(frame, "text")).split(":");
                if (parts.length != 3) {
                    fail("unreadable chat:message " + frame);
                    return;
                }
                int messageRound = Integer.parseInt(parts[0]);
                int index = Integer.parseInt(parts[1]);
                if (messageRound != round || index != next) {
                    fail("expected message " + round + ":" + next + ", got " + messageRound + ":" + index
                            + (messageRound == round && index < next ? " (duplicate)" : ""));
                    return;
                }
                latencies.add(now - Long.parseLong(parts[2]));
                lastDelivery.accumulateAndGet(now, Math::max);
                if (++next == options.messages()) {
                    delivered.countDown();
                }
            } else if ("error".equals(event)) {
                fail("server error " + frame);
            }
        }

        private void fail(String problem) {
            if (violation == null) {
                violation = problem;
                delivered.countDown(); // do not wait for the timeout; check() reports it
            }
        }

        @Override
        public void onClosed(LoadClient client, int code, String reason) {
            fail("connection closed " + code + " " + reason);
        }
    }

    /** Client 0: a receiver that also sends the round's messages as its answers come back. */
    private final class Sender implements LoadClient.Handler {
        private final Receiver receiver;

        Sender(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void onFrame(LoadClient client, String frame) {
            if ("response".equals(Frames.string(frame, "event"))) {
                if (Frames.has(frame, "error")) {
                    senderError = frame;
                    delivered.countDown();
                }
                answered.incrementAndGet();
                responses.countDown();
                if (options.rate() == 0) {
                    sendNext();
                }
            } else {
                receiver.onFrame(client, frame);
            }
        }

        @Override
        public void onClosed(LoadClient client, int code, String reason) {
            receiver.onClosed(client, code, reason);
        }
    }
}
