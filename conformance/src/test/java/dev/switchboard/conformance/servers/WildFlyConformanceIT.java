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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conformance suite on WildFly 39 (Undertow's WebSocket implementation) running the built
 * example WAR from {@code standalone/deployments}, with every port moved by an offset.
 */
@DisplayName("Conformance: WildFly (example WAR)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyConformanceIT implements AuthenticationConformance, RoomsConformance, DeliveryConformance,
        RpcConformance, LimitsConformance, OriginConformance, ResumeConformance, RestConformance, ShutdownConformance {

    private static final String CONTEXT = "/switchboard-example";
    private static final int DEFAULT_HTTP_PORT = 8080;
    private static ContainerProcess wildfly;

    @BeforeAll
    static void start() throws Exception {
        Path containers = Path.of(System.getProperty("switchboard.containers", "target/containers"));
        Path home = containers.resolve("wildfly-" + System.getProperty("wildfly.version"));
        for (String leftOver : List.of("data", "tmp", "log")) {
            ContainerProcess.emptyDirectory(home.resolve("standalone").resolve(leftOver));
        }
        Path deployments = ContainerProcess.emptyDirectory(home.resolve("standalone/deployments"));
        Files.copy(containers.resolve("switchboard-example.war"), deployments.resolve("switchboard-example.war"));
        int port = freePortAboveDefault();
        Map<String, String> env = new HashMap<>(ExampleAppSettings.values());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1"); // the script then forwards SIGTERM to the server's JVM
        wildfly = ContainerProcess.start("wildfly", List.of("bash", home.resolve("bin/standalone.sh").toString(),
                        "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                        "-Djboss.socket.binding.port-offset=" + (port - DEFAULT_HTTP_PORT)),
                env, port, URI.create("http://127.0.0.1:" + port + CONTEXT + "/api/status"));
    }

    /** A free port for HTTP whose offset from 8080 also leaves the management port (9990 + offset) in range. */
    private static int freePortAboveDefault() throws java.io.IOException {
        while (true) {
            int port = ContainerProcess.freePort();
            if (port > DEFAULT_HTTP_PORT && port - DEFAULT_HTTP_PORT + 9993 < 65_536) {
                return port;
            }
        }
    }

    @AfterAll
    static void stop() {
        wildfly.kill();
    }

    @Override
    public URI restRoot() {
        return URI.create("http://127.0.0.1:" + wildfly.port() + CONTEXT + "/api/");
    }

    @Override
    public Deployment deployment() {
        return Deployment.of("WildFly " + System.getProperty("wildfly.version"),
                tenant -> URI.create("ws://127.0.0.1:" + wildfly.port() + CONTEXT + "/ws/" + tenant), wildfly::terminate);
    }
}
