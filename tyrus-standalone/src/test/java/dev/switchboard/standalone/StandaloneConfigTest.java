package dev.switchboard.standalone;

import dev.switchboard.api.OverflowPolicy;
import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.HubConfig;
import dev.switchboard.core.hub.Limits;
import dev.switchboard.core.hub.Resumption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Standalone settings, checked on the hub they build. */
class StandaloneConfigTest {

    private static final JwtAuthenticator AUTH = new JwtAuthenticator(JwtAuthenticator.generateSecret());

    private static HubConfig hubConfig(StandaloneConfig config) {
        Hub hub = StandaloneServer.hubFor(config, AUTH);
        try {
            return hub.config();
        } finally {
            hub.shutdown();
        }
    }

    @Test
    void defaultsMatchTheReadme() {
        StandaloneConfig config = StandaloneConfig.from(Map.of());
        assertEquals("127.0.0.1", config.host());
        assertEquals(8080, config.port());
        assertEquals("/ws", config.path());
        assertNull(config.authSecret());
        assertNull(config.roomsAllow());
        HubConfig hub = hubConfig(config);
        HubConfig defaults = HubConfig.defaults();
        // Demo mode (no secret, no connection key): resumption is on with a generated key.
        assertTrue(hub.resumption().isEnabled());
        assertEquals(Resumption.DEFAULT_TTL, hub.resumption().ttl());
        assertEquals(new HubConfig(defaults.defaultRooms(), defaults.authTimeout(), defaults.heartbeatInterval(),
                defaults.heartbeatTimeout(), defaults.maxMessageBytes(), defaults.maxQueuedBytes(), defaults.overflowPolicy(),
                defaults.closeTimeout(), defaults.maxRoomsPerClient(), defaults.requestTimeout(), defaults.maxInFlightRequests(),
                defaults.debug(), hub.resumption(), defaults.limits()), hub);
        assertEquals(List.of("ws-default", "ws-notification"), hub.defaultRooms());
        assertEquals(Duration.ofSeconds(5), hub.authTimeout());
        assertEquals(Duration.ofSeconds(30), hub.heartbeatInterval());
        assertEquals(Duration.ofSeconds(90), hub.heartbeatTimeout());
        assertEquals(65536, hub.maxMessageBytes());
        assertFalse(hub.debug());
    }

    @Test
    void environmentSetsEveryKey() {
        StandaloneConfig config = StandaloneConfig.from(Map.ofEntries(
                Map.entry("SWITCHBOARD_HOST", "::1"),
                Map.entry("SWITCHBOARD_PORT", "0"),
                Map.entry("SWITCHBOARD_PATH", "/live"),
                Map.entry("SWITCHBOARD_AUTH_SECRET", "s3cret"),
                Map.entry("SWITCHBOARD_ROOMS_ALLOW", "public-.*"),
                Map.entry("SWITCHBOARD_DEFAULT_ROOMS", " news , ,alerts "),
                Map.entry("SWITCHBOARD_AUTH_TIMEOUT_MS", "1500"),
                Map.entry("SWITCHBOARD_HEARTBEAT_INTERVAL_MS", "1000"),
                Map.entry("SWITCHBOARD_HEARTBEAT_TIMEOUT_MS", "3000"),
                Map.entry("SWITCHBOARD_MAX_MESSAGE_BYTES", "1024"),
                Map.entry("SWITCHBOARD_MAX_QUEUED_BYTES", "4096"),
                Map.entry("SWITCHBOARD_OVERFLOW_POLICY", "drop"),
                Map.entry("SWITCHBOARD_CLOSE_TIMEOUT_MS", "250"),
                Map.entry("SWITCHBOARD_MAX_ROOMS_PER_CLIENT", "7"),
                Map.entry("SWITCHBOARD_REQUEST_TIMEOUT_MS", "2000"),
                Map.entry("SWITCHBOARD_MAX_IN_FLIGHT_REQUESTS", "3"),
                Map.entry("SWITCHBOARD_DEBUG", "yes"),
                Map.entry("SWITCHBOARD_MESSAGE_RATE", "20"),
                Map.entry("SWITCHBOARD_MESSAGE_BURST", "40"),
                Map.entry("SWITCHBOARD_FLOOD_LIMIT", "10"),
                Map.entry("SWITCHBOARD_MAX_AUTH_ATTEMPTS", "3"),
                Map.entry("SWITCHBOARD_MAX_CONNECTIONS_PER_USER", "4"),
                Map.entry("SWITCHBOARD_MAX_CONNECTIONS_PER_ADDRESS", "8"),
                Map.entry("SWITCHBOARD_MAX_CONNECTIONS", "1000"),
                Map.entry("SWITCHBOARD_TRUSTED_PROXY_HEADER", "X-Real-IP"),
                Map.entry("SWITCHBOARD_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2")));
        assertEquals("::1", config.host());
        assertEquals(0, config.port());
        assertEquals("/live", config.path());
        assertEquals("s3cret", config.authSecret());
        assertTrue(config.roomsAllow().matcher("public-1").matches());
        assertFalse(config.roomsAllow().matcher("private-1").matches());
        assertEquals(new HubConfig(List.of("news", "alerts"), Duration.ofMillis(1500), Duration.ofMillis(1000),
                Duration.ofMillis(3000), 1024, 4096, OverflowPolicy.DROP, Duration.ofMillis(250), 7,
                Duration.ofMillis(2000), 3, true, Resumption.disabled(),
                new Limits(20, 40, 10, 3, 4, 8, 1000, "x-real-ip", Set.of("10.0.0.1", "10.0.0.2"))), hubConfig(config));
    }

    @Test
    void aConnectionKeyTurnsResumptionOnWithItsTtlAndBuffer() {
        assertFalse(hubConfig(StandaloneConfig.from(Map.of("SWITCHBOARD_AUTH_SECRET", "s3cret"))).resumption().isEnabled(),
                "with a secret (not demo mode) resumption needs a connection key");
        Resumption resumption = hubConfig(StandaloneConfig.from(Map.of(
                "SWITCHBOARD_CONNECTION_KEY", "a-connection-key-of-at-least-32-bytes",
                "SWITCHBOARD_DISCONNECTION_TTL_MS", "60000",
                "SWITCHBOARD_BUFFER_SIZE", "50",
                "SWITCHBOARD_BUFFER_BYTES", "8192",
                "SWITCHBOARD_HANDOVER_TIMEOUT_MS", "750"))).resumption();
        assertTrue(resumption.isEnabled());
        assertEquals(Duration.ofMinutes(1), resumption.ttl());
        assertEquals(50, resumption.bufferSize());
        assertEquals(8192, resumption.bufferBytes());
        assertEquals(Duration.ofMillis(750), resumption.handoverTimeout());
        assertMessage("SWITCHBOARD_CONNECTION_KEY must be at least 32 bytes, was 5", Map.of("SWITCHBOARD_CONNECTION_KEY", "short"));
        assertMessage("SWITCHBOARD_BUFFER_SIZE is set but SWITCHBOARD_CONNECTION_KEY is not: resumption needs a connection key of at least 32 bytes",
                Map.of("SWITCHBOARD_BUFFER_SIZE", "10"));
    }

    @Test
    void anEmptyDefaultRoomListMeansNoDefaultRooms() {
        assertEquals(List.of(), hubConfig(StandaloneConfig.from(Map.of("SWITCHBOARD_DEFAULT_ROOMS", ""))).defaultRooms());
    }

    @Test
    void propertiesFileIsReadAndTheEnvironmentWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("switchboard.properties");
        Files.writeString(file, "SWITCHBOARD_PORT=9000\nSWITCHBOARD_PATH=/from-file\nSWITCHBOARD_DEBUG=true\n");
        StandaloneConfig config = StandaloneConfig.from(Map.of(
                "SWITCHBOARD_CONFIG", file.toString(),
                "SWITCHBOARD_PORT", "9100"));
        assertEquals(9100, config.port());
        assertEquals("/from-file", config.path());
        assertTrue(hubConfig(config).debug());
    }

    @Test
    void malformedValuesNameTheirKey() {
        assertMessage("SWITCHBOARD_PORT must be an integer from 0 to 65535, was 'http'",
                Map.of("SWITCHBOARD_PORT", "http"));
        assertMessage("SWITCHBOARD_PORT must be an integer from 0 to 65535, was '70000'",
                Map.of("SWITCHBOARD_PORT", "70000"));
        assertMessage("SWITCHBOARD_HEARTBEAT_TIMEOUT_MS must be an integer from 1 to 2147483647, was '0'",
                Map.of("SWITCHBOARD_HEARTBEAT_TIMEOUT_MS", "0"));
        assertMessage("SWITCHBOARD_DEBUG must be true or false, was 'maybe'", Map.of("SWITCHBOARD_DEBUG", "maybe"));
        assertMessage("SWITCHBOARD_OVERFLOW_POLICY must be one of [CLOSE, DROP], was 'block'",
                Map.of("SWITCHBOARD_OVERFLOW_POLICY", "block"));
        assertMessage("SWITCHBOARD_PATH must start with '/', was 'ws'", Map.of("SWITCHBOARD_PATH", "ws"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StandaloneConfig.from(Map.of("SWITCHBOARD_ROOMS_ALLOW", "(unclosed")))
                .getMessage().startsWith("SWITCHBOARD_ROOMS_ALLOW is not a valid regular expression"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StandaloneConfig.from(Map.of("SWITCHBOARD_CONFIG", "/no/such/file.properties")))
                .getMessage().startsWith("SWITCHBOARD_CONFIG names '/no/such/file.properties', which cannot be read"));
    }

    private static void assertMessage(String expected, Map<String, String> env) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.from(env)).getMessage());
    }
}
