package dev.switchboard.core.testing;

import dev.switchboard.core.hub.Hub;

/**
 * Serves a hub (no meter registry) and runs one client through it, in a JVM whose class path lacks
 * Micrometer; prints {@code SERVED} when a round trip came back, and fails loudly if any class
 * needed Micrometer.
 */
public final class WithoutMicrometerMain {

    private WithoutMicrometerMain() {
    }

    public static void main(String[] args) {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry");
            System.out.println("MICROMETER PRESENT");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            // the point of this run
        }
        try (TestServer server = TestServer.start(Hub.builder().authenticator(new TestAuthenticator())
                .discoverHooks(false).build());
             WsClient client = WsClient.authenticated(server.uri(), "alice")) {
            client.framesBeforeBarrier();
            System.out.println("SERVED");
        }
        System.exit(0);
    }
}
