package dev.switchboard.conformance.jetty;

import dev.switchboard.conformance.AuthenticationConformance;
import dev.switchboard.conformance.DeliveryConformance;
import dev.switchboard.conformance.Deployment;
import dev.switchboard.conformance.ExampleAppSettings;
import dev.switchboard.conformance.LimitsConformance;
import dev.switchboard.conformance.OriginConformance;
import dev.switchboard.conformance.ResumeConformance;
import dev.switchboard.conformance.RoomsConformance;
import dev.switchboard.conformance.RpcConformance;
import dev.switchboard.conformance.ShutdownConformance;
import dev.switchboard.example.ExampleEndpoint;
import dev.switchboard.example.HubLifecycle;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;

/**
 * The conformance suite on embedded Jetty 12 (ee10 Jakarta WebSocket): a servlet context at
 * {@code /example} with the example's lifecycle listener and its annotated endpoint class, as a WAR
 * would declare them.
 */
@DisplayName("Conformance: Jetty 12 (ee10, embedded)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JettyConformanceTest implements AuthenticationConformance, RoomsConformance, DeliveryConformance,
        RpcConformance, LimitsConformance, OriginConformance, ResumeConformance, ShutdownConformance {

    private static Server server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        ExampleAppSettings.installAsSystemProperties();
        server = new Server();
        // Without a stop timeout Jetty closes connectors at once and clients see 1006, not 1001.
        server.setStopTimeout(5_000);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/example");
        context.addEventListener(new HubLifecycle());
        JakartaWebSocketServletContainerInitializer.configure(context,
                (servletContext, container) -> container.addEndpoint(ExampleEndpoint.class));
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Override
    public Deployment deployment() {
        return Deployment.of("Jetty " + System.getProperty("jetty.version"),
                tenant -> URI.create("ws://127.0.0.1:" + port + "/example/ws/" + tenant), server::stop);
    }
}
