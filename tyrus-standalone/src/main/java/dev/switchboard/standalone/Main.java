package dev.switchboard.standalone;

import dev.switchboard.core.auth.JwtAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar switchboard-standalone.jar}: reads {@link StandaloneConfig} from the environment,
 * starts the server, prints {@code Switchboard listening on ws://HOST:PORT/PATH} ({@code wss://}
 * with TLS), and on SIGTERM or SIGINT closes every client with 1001 before exiting.
 * {@code java -jar switchboard-standalone.jar bench ...} runs the load generator instead
 * ({@link dev.switchboard.standalone.bench.BenchCommand}).
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(dev.switchboard.standalone.bench.BenchCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        StandaloneConfig config;
        JwtAuthenticator authenticator;
        try {
            config = StandaloneConfig.fromEnvironment();
            authenticator = authenticator(config);
        } catch (IllegalArgumentException e) {
            System.err.println("Switchboard configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        StandaloneServer server = StandaloneServer.start(config, authenticator);
        if (config.authSecret() == null) {
            String token = authenticator.issue("demo", Map.of("name", "Demo user"), Duration.ofHours(24));
            System.out.println("Sample token for user 'demo' (valid 24 h): " + token);
            System.out.println("Demo page, connected as 'demo': " + server.httpUri() + "?token=" + token);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Switchboard shutting down");
            server.close();
            stopped.countDown();
        }, "switchboard-shutdown"));
        System.out.println("Switchboard listening on " + server.webSocketUri());
        System.out.flush();
        stopped.await();
    }

    private static JwtAuthenticator authenticator(StandaloneConfig config) {
        if (config.authSecret() != null) {
            try {
                return new JwtAuthenticator(config.authSecret());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("SWITCHBOARD_AUTH_SECRET: " + e.getMessage(), e);
            }
        }
        LOG.warn("SWITCHBOARD_AUTH_SECRET is not set: using a generated secret; tokens will not survive a restart");
        return new JwtAuthenticator(JwtAuthenticator.generateSecret());
    }
}
