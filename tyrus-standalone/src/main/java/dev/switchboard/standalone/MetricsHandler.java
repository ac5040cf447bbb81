package dev.switchboard.standalone;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;

import java.io.IOException;

/**
 * {@code GET /metrics}: the hub's {@code switchboard_*} meters and the JVM's, in the Prometheus
 * text format, on the HTTP side of the server's port. Owns the registry (JVM memory, thread,
 * processor and uptime binders, none of which holds a resource to release); Micrometer's registry
 * and scrape are thread-safe.
 */
final class MetricsHandler extends HttpHandler {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    MetricsHandler() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The registry the hub publishes to. */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        if (request.getMethod() != Method.GET && request.getMethod() != Method.HEAD) {
            response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
            response.setHeader("Allow", "GET, HEAD");
            return;
        }
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        if (request.getMethod() == Method.GET) {
            response.getWriter().write(registry.scrape());
        }
    }
}
