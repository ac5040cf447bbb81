package dev.switchboard.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandaloneConfigTest {

    @Test
    void defaultsMatchTheReadme() {
        StandaloneConfig config = StandaloneConfig.from(Map.of());
        assertEquals("127.0.0.1", config.host());
        assertEquals(8080, config.port());
        assertEquals("/ws", config.path());
        assertNull(config.authSecret());
        assertNull(config.roomsAllow());
        assertEquals(List.of("ws-default", "ws-notification"), config.defaultRooms());
        assertEquals(Duration.ofSeconds(5), config.authTimeout());
        assertEquals(Duration.ofSeconds(30), config.heartbeatInterval());
        assertEquals(Duration.ofSeconds(90), config.heartbeatTimeout());
        assertEquals(65536, config.maxMessageBytes());
        assertFalse(config.debug());
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
                Map.entry("SWITCHBOARD_DEBUG", "yes")));
        assertEquals("::1", config.host());
        assertEquals(0, config.port());
        assertEquals("/live", config.path());
        assertEquals("s3cret", config.authSecret());
        assertTrue(config.roomsAllow().matcher("public-1").matches());
        assertFalse(config.roomsAllow().matcher("private-1").matches());
        assertEquals(List.of("news", "alerts"), config.defaultRooms());
        assertEquals(Duration.ofMillis(1500), config.authTimeout());
        assertEquals(Duration.ofMillis(1000), config.heartbeatInterval());
        assertEquals(Duration.ofMillis(3000), config.heartbeatTimeout());
        assertEquals(1024, config.maxMessageBytes());
        assertTrue(config.debug());
    }

    @Test
    void anEmptyDefaultRoomListMeansNoDefaultRooms() {
        assertEquals(List.of(), StandaloneConfig.from(Map.of("SWITCHBOARD_DEFAULT_ROOMS", "")).defaultRooms());
    }

    @Test
    void propertiesFileIsReadAndTheEnvironmentWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("switchboard.properties");
        Files.writeString(file, "SWITCHBOARD_PORT=9000\nSWITCHBOARD_PATH=/from-file\nSWITCHBOARD_DEBUG=true\n");
        StandaloneConfig config = StandaloneConfig.from(Map.of(
                StandaloneConfig.CONFIG_FILE, file.toString(),
                "SWITCHBOARD_PORT", "9100"));
        assertEquals(9100, config.port());
        assertEquals("/from-file", config.path());
        assertTrue(config.debug());
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
        assertMessage("SWITCHBOARD_PATH must start with '/', was 'ws'", Map.of("SWITCHBOARD_PATH", "ws"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StandaloneConfig.from(Map.of("SWITCHBOARD_ROOMS_ALLOW", "(unclosed")))
                .getMessage().startsWith("SWITCHBOARD_ROOMS_ALLOW is not a valid regular expression"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StandaloneConfig.from(Map.of(StandaloneConfig.CONFIG_FILE, "/no/such/file.properties")))
                .getMessage().startsWith("SWITCHBOARD_CONFIG names '/no/such/file.properties', which cannot be read"));
    }

    private static void assertMessage(String expected, Map<String, String> env) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.from(env)).getMessage());
    }
}
