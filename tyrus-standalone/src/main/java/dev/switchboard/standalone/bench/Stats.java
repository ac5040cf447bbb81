package dev.switchboard.standalone.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Percentiles and medians of the bench's samples. Stateless, except {@link Samples}. */
final class Stats {

    private Stats() {
    }

    /** Nearest-rank percentile ({@code p} in 0..100) of ascending {@code sorted}; NaN when empty. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** The median of the values that are not NaN; NaN when there are none. */
    static double median(List<Double> values) {
        double[] known = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (known.length == 0) {
            return Double.NaN;
        }
        int middle = known.length / 2;
        return known.length % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
    }

    /** The largest value that is not NaN; NaN when there are none. */
    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    /** p50, p99 and max of nanosecond samples, in milliseconds. */
    record Latency(double p50Ms, double p99Ms, double maxMs) {
        static final Metric P50 = Metric.cost("latencyP50Ms", "latency p50", "ms");
        static final Metric P99 = Metric.cost("latencyP99Ms", "latency p99", "ms");
        static final Metric MAX = Metric.worst("latencyMaxMs", "latency max", "ms");

        static Latency of(Samples nanos) {
            long[] sorted = nanos.sorted();
            return new Latency(percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6,
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
        }

        /** A latency scenario's table: its headline, then p50, p99 and max, then its CPU cost per unit of work. */
        static List<Metric> table(Metric headline, Metric cpu) {
            return List.of(headline, P50, P99, MAX, cpu);
        }

        /** Puts the three figures under the {@link #P50}, {@link #P99} and {@link #MAX} keys of a round. */
        void putInto(Map<String, Double> values) {
            values.put(P50.key(), p50Ms);
            values.put(P99.key(), p99Ms);
            values.put(MAX.key(), maxMs);
        }
    }

    /** A growable array of longs; confined to one thread at a time (handed over through a latch). */
    static final class Samples {
        private long[] values;
        private int size;

        Samples(int capacity) {
            values = new long[Math.max(1, capacity)];
        }

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(Samples other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        int size() {
            return size;
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
