package dev.switchboard.conformance;

/**
 * The root of the conformance suite. A container test class implements the suite's interfaces
 * ({@link AuthenticationConformance}, {@link RoomsConformance}, {@link DeliveryConformance}, {@link OriginConformance},
 * {@link RpcConformance}, {@link LimitsConformance}, {@link ShutdownConformance}) and returns the
 * running example app from {@link #deployment()}; every test then runs against that container.
 * Tests run in one JVM one at a time, and {@link ShutdownConformance} stops the container last.
 */
public interface Conformance {

    String TENANT = "acme";

    Deployment deployment();

    /** A connected, unauthenticated client that heartbeats. */
    default Peer connect() {
        return Peer.connect(deployment().webSocket(TENANT), true, false);
    }

    /** An authenticated client of {@code user} that heartbeats. */
    default Peer login(String user) {
        Peer peer = connect();
        peer.authenticate(user);
        return peer;
    }
}
