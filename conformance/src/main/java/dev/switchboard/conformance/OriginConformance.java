package dev.switchboard.conformance;

import dev.switchboard.core.testing.Handshakes;
import dev.switchboard.core.testing.WsClient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The origin allow-list ({@code SWITCHBOARD_ALLOWED_ORIGINS}, checked by {@code HubConfigurator}):
 * a page from another origin gets HTTP 403 at the handshake; an allowed page and a non-browser
 * client without {@code Origin} are served.
 */
public interface OriginConformance extends Conformance {

    @Test
    default void aForgedOriginIsRefusedWith403() {
        assertEquals(403, Handshakes.status(deployment().webSocket(TENANT), "http://evil.example"));
        assertEquals(403, Handshakes.status(deployment().webSocket(TENANT), ExampleAppSettings.ALLOWED_ORIGIN + ".evil.example"));
    }

    @Test
    default void anAllowedOriginIsServed() {
        try (WsClient page = WsClient.connect(deployment().webSocket(TENANT), false,
                List.of("Origin", ExampleAppSettings.ALLOWED_ORIGIN.toUpperCase()))) {
            page.emit("authenticate", "{\"token\":\"" + ExampleAppSettings.token("olga") + "\"}");
            assertEquals("olga", page.await("connected").getJsonObject("data").getString("userId"));
        }
    }

    @Test
    default void aClientWithoutOriginIsServed() {
        assertEquals(101, Handshakes.status(deployment().webSocket(TENANT), null));
    }
}
