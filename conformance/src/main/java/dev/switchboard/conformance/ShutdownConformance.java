package dev.switchboard.conformance;

import dev.switchboard.api.CloseCodes;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stopping the container closes every client with 1001. Runs last: the implementing class orders
 * its methods with {@code @TestMethodOrder(MethodOrderer.OrderAnnotation.class)}.
 */
public interface ShutdownConformance extends Conformance {

    @Test
    @Order(Integer.MAX_VALUE)
    default void stoppingTheContainerClosesClientsWith1001() throws Exception {
        try (Peer first = login("xena"); Peer second = login("yuri")) {
            deployment().stop();
            assertEquals(CloseCodes.GOING_AWAY, first.awaitClose());
            assertEquals(CloseCodes.GOING_AWAY, second.awaitClose());
        }
    }
}
