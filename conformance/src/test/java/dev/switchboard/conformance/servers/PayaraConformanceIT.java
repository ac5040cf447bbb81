package dev.switchboard.conformance.servers;

import dev.switchboard.conformance.AuthenticationConformance;
import dev.switchboard.conformance.DeliveryConformance;
import dev.switchboard.conformance.Deployment;
import dev.switchboard.conformance.ExampleAppSettings;
import dev.switchboard.conformance.LimitsConformance;
import dev.switchboard.conformance.OriginConformance;
import dev.switchboard.conformance.ResumeConformance;
import dev.switchboard.conformance.RestConformance;
import dev.switchboard.conformance.RoomsConformance;
import dev.switchboard.conformance.RpcConformance;
import dev.switchboard.conformance.ShutdownConformance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The conformance suite on Payara Micro 6 running the built example WAR in its own process. */
@DisplayName("Conformance: Payara Micro (example WAR)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraConformanceIT implements AuthenticationConformance, RoomsConformance, DeliveryConformance,
        RpcConformance, LimitsConformance, OriginConformance, ResumeConformance, RestConformance, ShutdownConformance {

    private static final String CONTEXT = "/switchboard-example";
    private static ContainerProcess payara;

    @BeforeAll
    static void start() throws Exception {
        Path containers = Path.of(System.getProperty("switchboard.containers", "target/containers"));
        int port = ContainerProcess.freePort();
        Path root = ContainerProcess.emptyDirectory(containers.resolve("payara-root"));
        payara = ContainerProcess.start("payara", List.of(
                        ContainerProcess.java(), "-jar", containers.resolve("payara-micro.jar").toString(),
                        "--deploy", containers.resolve("switchboard-example.war").toString(),
                        "--port", String.valueOf(port), "--nocluster", "--rootdir", root.toString()),
                ExampleAppSettings.values(), port, URI.create("http://127.0.0.1:" + port + CONTEXT + "/api/status"));
    }

    @AfterAll
    static void stop() {
        payara.kill();
    }

    @Override
    public URI restRoot() {
        return URI.create("http://127.0.0.1:" + payara.port() + CONTEXT + "/api/");
    }

    @Override
    public Deployment deployment() {
        return Deployment.of("Payara Micro " + System.getProperty("payara.version"),
                tenant -> URI.create("ws://127.0.0.1:" + payara.port() + CONTEXT + "/ws/" + tenant), payara::terminate);
    }
}
