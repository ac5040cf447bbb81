package dev.switchboard.standalone.bench;

/**
 * One reported figure: its JSON key, table label, unit, which direction is better (so every ratio
 * reads "above 1 is Switchboard ahead": throughput switchboard/baseline, latency and cost
 * baseline/switchboard) and how measured rounds combine. Immutable.
 */
record Metric(String key, String label, String unit, boolean higherIsBetter, boolean takeMax) {

    static Metric throughput(String key, String label, String unit) {
        return new Metric(key, label, unit, true, false);
    }

    static Metric cost(String key, String label, String unit) {
        return new Metric(key, label, unit, false, false);
    }

    static Metric worst(String key, String label, String unit) {
        return new Metric(key, label, unit, false, true);
    }

    /** The ratio of two aggregated values in this metric's "above 1 is better" direction; NaN if unknown. */
    double ratio(double switchboard, double baseline) {
        double ratio = higherIsBetter ? switchboard / baseline : baseline / switchboard;
        return Double.isFinite(ratio) ? ratio : Double.NaN;
    }
}
