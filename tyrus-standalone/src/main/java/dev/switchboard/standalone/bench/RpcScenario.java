package dev.switchboard.standalone.bench;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code bench rpc}: C clients each issue M sequential {@code system:echo} requests per round, all
 * clients at once; every answer must carry its request's id and data. Requests/s (the headline),
 * latency p50/p99/max and server CPU per request, for Switchboard and then the baseline echo.
 * Stateless; a round's state lives in its {@link Caller}s.
 */
final class RpcScenario {

    static final Metric REQUESTS = Metric.throughput("requestsPerSec", "requests/s", "1/s");
    static final Metric CPU = Metric.cost("cpuPerRequestUs", "server CPU per request", "us");
    static final Versus VERSUS = new Versus("rpc", Stats.Latency.table(REQUESTS, CPU), REQUESTS, RpcScenario::measure);

    private RpcScenario() {
    }

    private static Figures measure(BenchOptions options, String label, Supplier<Target> targets) {
        return ConnectedClients.measure(options, label, targets, null, (target, clients, figures) -> {
            for (int round = 0; round < Rounds.total(options); round++) {
                Map<String, Double> values = round(options, label, round, target, clients);
                if (Rounds.measured(round, options)) {
                    figures.addRound(values);
                }
            }
            Barrier.roundTrip(label, clients);
            figures.fact("verified", true);
            figures.fact("requestsPerRound", (long) options.clients() * options.messages());
        });
    }

    private static Map<String, Double> round(BenchOptions options, String label, int round, Target target, List<LoadClient> clients) {
        CountDownLatch done = new CountDownLatch(clients.size());
        List<Caller> callers = clients.stream().map(client -> new Caller(client, round, options.messages(), done)).toList();
        double cpuBefore = target.cpuNanos();
        long start = System.nanoTime();
        callers.forEach(Caller::next);
        boolean complete;
        try {
            complete = done.await(60 + (long) clients.size() * options.messages() / 5_000, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
        long elapsed = System.nanoTime() - start;
        double cpu = target.cpuNanos() - cpuBefore;
        Stats.Samples all = new Stats.Samples(clients.size() * options.messages());
        for (Caller caller : callers) {
            if (caller.violation != null || caller.answered != options.messages()) {
                throw new BenchFailure(label + ": verification FAILED in " + Rounds.label(round, options) + ": client "
                        + caller.client.index + " got " + caller.answered + " of " + options.messages() + " answers"
                        + (caller.violation == null ? (complete ? "" : " (timeout)") : ": " + caller.violation));
            }
            all.addAll(caller.latencies);
        }
        long requests = (long) clients.size() * options.messages();
        Stats.Latency latency = Stats.Latency.of(all);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(REQUESTS.key(), requests * 1e9 / elapsed);
        latency.putInto(values);
        values.put(CPU.key(), cpu / requests / 1e3);
        Report.progress(Rounds.format("%s: %s: %d echoes verified in %.2f s, %.0f/s, p50 %.2f ms, p99 %.2f ms, CPU %.1f us/request",
                label, Rounds.label(round, options), requests, elapsed / 1e9, values.get(REQUESTS.key()),
                latency.p50Ms(), latency.p99Ms(), values.get(CPU.key())));
        return values;
    }

    /**
     * One client's sequential requests {@code round-0 .. round-(M-1)}, data {@code {"n": k}}. Confined
     * to the client's JDK callbacks after {@link #next()} starts it; read after the latch.
     */
    private static final class Caller implements LoadClient.Handler {
        final LoadClient client;
        private final int round;
        private final int messages;
        private final CountDownLatch done;
        final Stats.Samples latencies;
        int answered;
        volatile String violation;
        private long sentAt;

        Caller(LoadClient client, int round, int messages, CountDownLatch done) {
            this.client = client;
            this.round = round;
            this.messages = messages;
            this.done = done;
            this.latencies = new Stats.Samples(messages);
            client.handler(this);
        }

        void next() {
            sentAt = System.nanoTime();
            client.send(Frames.request(round + "-" + answered, "system:echo", "{\"n\":" + answered + "}"));
        }

        @Override
        public void onFrame(LoadClient self, String frame) {
            long now = System.nanoTime();
            if (violation != null) {
                return;
            }
            String id = Frames.scalar(frame, "id");
            String n = Frames.scalar(frame, "n");
            if (!"response".equals(Frames.string(frame, "event")) || Frames.has(frame, "error")
                    || !(round + "-" + answered).equals(id) || !echoes(n)) {
                fail("expected the answer to " + round + "-" + answered + ", got " + frame);
                return;
            }
            latencies.add(now - sentAt);
            if (++answered == messages) {
                done.countDown();
            } else {
                next();
            }
        }

        private boolean echoes(String n) {
            try {
                return n != null && new BigDecimal(n).compareTo(BigDecimal.valueOf(answered)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private void fail(String problem) {
            violation = problem;
            done.countDown();
        }

        @Override
        public void onClosed(LoadClient self, int code, String reason) {
            if (violation == null) {
                fail("connection closed " + code + " " + reason);
            }
        }
    }
}
