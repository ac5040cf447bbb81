package dev.switchboard.example;

import dev.switchboard.core.config.Settings;
import dev.switchboard.core.endpoint.OriginPolicy;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Answers a WebSocket upgrade from a refused {@code Origin} with 403, as {@code HubConfigurator}
 * makes Tyrus (Payara) and Jetty do. Undertow (WildFly) takes a {@code false} from
 * {@code checkOrigin} for "not a WebSocket handshake" and passes the request on as plain HTTP,
 * which would end in 404; this filter, on the endpoint's path, turns that into 403 whichever of
 * the two filters runs first. Same {@code SWITCHBOARD_*} keys as the configurator; the policy is
 * written once by {@link #init}.
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class OriginFilter implements Filter {

    private volatile OriginPolicy origins;

    @Override
    public void init(FilterConfig config) {
        origins = OriginPolicy.from(Settings.fromEnvironment());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse refusal
                && "websocket".equalsIgnoreCase(http.getHeader("Upgrade")) && !origins.allows(http.getHeader("Origin"))) {
            refusal.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(request, response);
    }
}
