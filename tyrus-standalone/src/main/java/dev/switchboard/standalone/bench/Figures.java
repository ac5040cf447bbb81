package dev.switchboard.standalone.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one server (Switchboard, the baseline, a single node) measured: one map of metric values per
 * measured round, aggregated per {@link Metric} (median of rounds, or max), plus facts such as
 * {@code verified}. Filled by one scenario thread.
 */
final class Figures {

    final String name;
    private final List<Map<String, Double>> rounds = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    Figures(String name) {
        this.name = name;
    }

    void addRound(Map<String, Double> values) {
        rounds.add(Map.copyOf(values));
    }

    /**
     * Takes another pass's measured rounds and facts into these: a fact seen in both keeps the later
     * value, except {@code verified}, which holds only if every pass verified.
     */
    void absorb(Figures pass) {
        rounds.addAll(pass.rounds);
        pass.facts.forEach((key, value) -> facts.merge(key, value,
                (before, after) -> key.equals("verified") ? Boolean.TRUE.equals(before) && Boolean.TRUE.equals(after) : after));
    }

    void fact(String key, Object value) {
        facts.put(key, value);
    }

    List<Map<String, Double>> rounds() {
        return rounds;
    }

    Map<String, Object> facts() {
        return facts;
    }

    /** The metric over the measured rounds; NaN when no round measured it. */
    double value(Metric metric) {
        List<Double> values = rounds.stream().map(round -> round.getOrDefault(metric.key(), Double.NaN)).toList();
        return metric.takeMax() ? Stats.max(values) : Stats.median(values);
    }
}
