package dev.switchboard.standalone.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each bench scenario at a tiny size, servers (and Redis) started as real child processes: it must
 * complete with verification, write the JSON fields and end with the ratio line. Correctness only;
 * no figure is asserted.
 */
class BenchSmokeTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"fanout", "rpc", "connections", "cluster"})
    void aTinyRunIsVerifiedWritesItsJsonAndEndsWithTheRatioLine(String scenario) throws Exception {
        Path out = dir.resolve(scenario + ".json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = BenchCommand.run(new String[]{scenario, "--clients", "20", "--messages", "5", "--rounds", "1",
                "--warmup", "1", "--out", out.toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, code, "bench " + scenario + " failed; printed:\n" + String.join("\n", lines));
        assertTrue(lines.get(lines.size() - 1).matches("ratio vs baseline: \\d+\\.\\d\\d"), lines.get(lines.size() - 1));

        JsonObject json;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(out))) {
            json = reader.readObject();
        }
        assertEquals(scenario, json.getString("scenario"));
        assertTrue(json.getJsonNumber("ratio").doubleValue() > 0);
        for (String side : List.of("switchboard", "baseline")) {
            JsonObject figures = json.getJsonObject(side);
            assertTrue(figures.getBoolean("verified"), side + " verified");
            assertTrue(figures.containsKey(json.getString("headline")), side + " has the headline figure");
            assertEquals(1, figures.getJsonArray("rounds").size(), "one measured round");
        }
        assertFalse(json.getJsonObject("ratios").isEmpty());
    }

    @Test
    void repeatedPassesAlternateTheSidesAndPoolTheirRounds() throws Exception {
        Path out = dir.resolve("repeat.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);
        PrintStream stdout = System.out;
        System.setOut(console); // progress lines go to standard output
        int code;
        try {
            code = BenchCommand.run(new String[]{"rpc", "--clients", "10", "--messages", "5", "--rounds", "1",
                    "--warmup", "1", "--repeat", "2", "--out", out.toString()}, console);
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        List<String> starts = text.lines().filter(line -> line.endsWith(": starting")).map(String::trim).toList();
        assertEquals(List.of("switchboard: starting", "baseline: starting", "switchboard: starting", "baseline: starting"),
                starts, "the sides alternate");
        JsonObject json;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(out))) {
            json = reader.readObject();
        }
        assertEquals(2, json.getJsonObject("params").getInt("repeat"));
        for (String side : List.of("switchboard", "baseline")) {
            assertEquals(2, json.getJsonObject(side).getJsonArray("rounds").size(), side + ": one measured round per pass");
            assertTrue(json.getJsonObject(side).getBoolean("verified"));
        }
    }

    /** {@code benchmarks/socketio} after {@code npm ci} (which {@code .ci/run} does). */
    private static final Path SOCKET_IO = Path.of("..", "benchmarks", "socketio").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"fanout", "rpc"})
    void socketIoIsMeasuredAsAThirdSideWithTheSameVerification(String scenario) throws Exception {
        assertTrue(Files.isDirectory(SOCKET_IO.resolve("node_modules/socket.io")),
                "run npm ci --prefix " + SOCKET_IO + " (Socket.IO 4.8 for the bench's third side)");
        Path out = dir.resolve(scenario + "-socketio.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = BenchCommand.run(new String[]{scenario, "--clients", "20", "--messages", "5", "--rounds", "1",
                "--warmup", "1", "--socketio", SOCKET_IO.toString(), "--out", out.toString()},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, code, "bench " + scenario + " --socketio failed; printed:\n" + String.join("\n", lines));
        assertTrue(lines.get(lines.size() - 2).matches("ratio vs socket\\.io: \\d+\\.\\d\\d"), lines.get(lines.size() - 2));
        assertTrue(lines.get(lines.size() - 1).matches("ratio vs baseline: \\d+\\.\\d\\d"), lines.get(lines.size() - 1));
        JsonObject json;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(out))) {
            json = reader.readObject();
        }
        JsonObject socketIo = json.getJsonObject("socketio");
        assertEquals("socket.io", socketIo.getString("server"));
        assertTrue(socketIo.getBoolean("verified"), "every Socket.IO client got every message / answer");
        assertEquals(1, socketIo.getJsonArray("rounds").size());
        assertTrue(json.getJsonNumber("socketioRatio").doubleValue() > 0);
        assertFalse(json.getJsonObject("socketioRatios").isEmpty());
    }

    @Test
    void aBadCommandLineIsAUsageErrorWithoutStartingAnything() throws Exception {
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, BenchCommand.run(new String[]{"nosuch"}, console));
        assertEquals(2, BenchCommand.run(new String[]{"fanout", "--clients", "0"}, console));
        assertEquals(2, BenchCommand.run(new String[]{"rpc", "--url", "ws://127.0.0.1:1/ws"}, console), "--url without a secret");
        assertEquals(2, BenchCommand.run(new String[]{"rpc", "--repeat", "0"}, console));
        assertEquals(2, BenchCommand.run(new String[]{"cluster", "--repeat", "2"}, console), "cluster has its own two sides");
        assertEquals(2, BenchCommand.run(new String[]{"connections", "--socketio", "x"}, console), "no Socket.IO heap figure");
    }
}
