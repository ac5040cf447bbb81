package dev.switchboard.standalone;

import dev.switchboard.core.hub.Hub;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import java.io.IOException;

/**
 * Mapped at {@code /health} (Grizzly hands it everything below too; other paths get 404).
 * {@code /health/live}: the process answers, 200 {@code {"status":"UP"}}. {@code /health/ready},
 * also at {@code /health}: 200 while the hub accepts clients and, when Redis is configured, its bus
 * is connected ({@code {"status":"UP","redis":"UP"}}); 503 with {@code "DOWN"} otherwise, e.g.
 * {@code {"status":"DOWN","redis":"DOWN"}} or, once shutdown began, {@code {"status":"DOWN"}}.
 * Stateless; reads the hub's thread-safe flags on Grizzly's worker threads.
 */
final class HealthHandler extends HttpHandler {

    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    static final String HEALTH = "/health";

    private final Hub hub;
    private final boolean redis;

    /** @param redis whether the hub's bus is on Redis, so readiness reports it */
    HealthHandler(Hub hub, boolean redis) {
        this.hub = hub;
        this.redis = redis;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        String path = request.getRequestURI();
        if (!LIVE.equals(path) && !READY.equals(path) && !HEALTH.equals(path)) {
            response.sendError(404);
            return;
        }
        if (request.getMethod() != Method.GET && request.getMethod() != Method.HEAD) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(405);
            return;
        }
        String body;
        boolean up;
        if (LIVE.equals(path)) {
            up = true;
            body = "{\"status\":\"UP\"}";
        } else {
            boolean redisUp = !redis || hub.clusterConnected();
            up = !hub.isShutdown() && redisUp;
            body = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\""
                    + (redis ? ",\"redis\":\"" + (redisUp ? "UP" : "DOWN") + "\"" : "") + "}";
        }
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length());
        if (request.getMethod() == Method.GET) {
            response.getWriter().write(body);
        }
    }
}
