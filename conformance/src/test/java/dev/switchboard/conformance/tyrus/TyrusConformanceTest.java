package dev.switchboard.conformance.tyrus;

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
import dev.switchboard.core.config.Settings;
import dev.switchboard.core.endpoint.Hubs;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.example.ExampleEndpoint;
import dev.switchboard.example.HubLifecycle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;


/** The conformance suite on Tyrus 2 / Grizzly in this JVM, hosting the example WAR's annotated endpoint class. */
@DisplayName("Conformance: Tyrus (Grizzly, in-process)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TyrusConformanceTest implements AuthenticationConformance, RoomsConformance, DeliveryConformance,
        RpcConformance, LimitsConformance, OriginConformance, ResumeConformance, ShutdownConformance {

    private static TestServer server;

    @BeforeAll
    static void start() {
        ExampleAppSettings.installAsSystemProperties();
        Hub hub = HubLifecycle.createHub(Settings.fromEnvironment());
        Hubs.install(hub);
        server = TestServer.startAnnotated(hub, ExampleEndpoint.class);
    }

    @AfterAll
    static void stop() {
        server.close();
        Hubs.shutdown();
    }

    @Override
    public Deployment deployment() {
        return Deployment.of("Tyrus", tenant -> server.uri("/ws/" + tenant), server::close);
    }
}
