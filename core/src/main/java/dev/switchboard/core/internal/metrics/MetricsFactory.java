package dev.switchboard.core.internal.metrics;

/**
 * Creates the hub's {@link Metrics}. The Micrometer implementation is named only here, inside a
 * branch taken when a registry was given, so a deployment without Micrometer on its class path
 * never loads a Micrometer class. Stateless.
 */
public final class MetricsFactory {

    private MetricsFactory() {
    }

    /** @param meterRegistry a {@code io.micrometer.core.instrument.MeterRegistry}, or null for none */
    public static Metrics of(Object meterRegistry) {
        if (meterRegistry == null) {
            return Metrics.NONE;
        }
        return MicrometerMetrics.create(meterRegistry);
    }
}
