package dev.switchboard.conformance;

import java.net.URI;
import java.util.function.Function;

/** The example application running in one container, as the conformance suite reaches it. */
public interface Deployment {

    /** A short name for reports, e.g. {@code "Payara Micro 6.2025.10"}. */
    String name();

    /** The WebSocket endpoint of the example app for a tenant, e.g. {@code ws://127.0.0.1:8080/app/ws/acme}. */
    URI webSocket(String tenant);

    /** Stops the container the way an operator would (undeploy, SIGTERM, server stop). */
    void stop() throws Exception;

    /** How a container is stopped. */
    @FunctionalInterface
    interface Stop {
        void stop() throws Exception;
    }

    static Deployment of(String name, Function<String, URI> webSocket, Stop stop) {
        return new Deployment() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public URI webSocket(String tenant) {
                return webSocket.apply(tenant);
            }

            @Override
            public void stop() throws Exception {
                stop.stop();
            }
        };
    }
}
