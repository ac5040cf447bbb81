package dev.switchboard.standalone.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench fanout}: N clients in one room, client 0 sends M {@code chat:send} per round, every
 * client verifies every message; deliveries/s (the headline), latency p50/p99/max and server CPU per
 * delivery, for Switchboard and then the raw-Tyrus baseline (one server up at a time). Stateless.
 */
final class FanoutScenario {

    static final Metric DELIVERIES = Metric.throughput("deliveriesPerSec", "deliveries/s", "1/s");
    static final Metric CPU = Metric.cost("cpuPerDeliveryUs", "server CPU per delivery", "us");
    static final Versus VERSUS = new Versus("fanout", Stats.Latency.table(DELIVERIES, CPU), DELIVERIES,
            FanoutScenario::measure);

    private FanoutScenario() {
    }

    /** Connects, runs the warm-up and measured rounds with one latency group, checks, closes. */
    static Figures measure(BenchOptions options, String label, Supplier<Target> targets) {
        return ConnectedClients.measure(options, label, targets, options.room(),
                (target, clients, figures) -> rounds(options, label, target, clients, 1, figures, (outcome, values) -> { }));
    }

    /** What a scenario adds to a round's figures from its outcome (e.g. per-node latency). */
    interface Extra {
        void add(FanoutRun.Outcome outcome, Map<String, Double> values);
    }

    static void rounds(BenchOptions options, String label, Target target, List<LoadClient> clients, int groups,
                       Figures figures, Extra extra) {
        FanoutRun run = new FanoutRun(label, clients, options.room(), options, groups);
        int total = Rounds.total(options);
        for (int round = 0; round < total; round++) {
            long frames = LoadClient.FRAMES.sum();
            long envelopes = LoadClient.ENVELOPES.sum();
            FanoutRun.Outcome outcome = run.round(round, target);
            double perFrame = (LoadClient.ENVELOPES.sum() - envelopes) / (double) Math.max(1, LoadClient.FRAMES.sum() - frames);
            Stats.Latency latency = Stats.Latency.of(outcome.all());
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(DELIVERIES.key(), outcome.deliveries() * 1e9 / outcome.elapsedNanos());
            latency.putInto(values);
            values.put(CPU.key(), outcome.cpuNanos() / outcome.deliveries() / 1e3);
            values.put("envelopesPerFrame", perFrame);
            extra.add(outcome, values);
            Report.progress(Rounds.format("%s: %s: %d deliveries verified in %.2f s, %.0f/s, p50 %.1f ms, p99 %.1f ms, CPU %.1f us/delivery, %.2f envelopes/frame",
                    label, Rounds.label(round, options), outcome.deliveries(), outcome.elapsedNanos() / 1e9,
                    values.get(DELIVERIES.key()), latency.p50Ms(), latency.p99Ms(), values.get(CPU.key()), perFrame));
            if (Rounds.measured(round, options)) {
                figures.addRound(values);
            }
        }
        run.finish(total - 1);
        figures.fact("verified", true);
        figures.fact("clients", clients.size());
        figures.fact("deliveriesPerRound", (long) clients.size() * options.messages());
    }
}
