package dev.switchboard.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts the packaged standalone jar as a child JVM with only the given {@code SWITCHBOARD_*} settings. */
final class StandaloneJar {

    private StandaloneJar() {
    }

    /** Starts it; every line it prints (stdout and stderr) goes to {@code lines}, read by a daemon thread. */
    static Process start(Map<String, String> env, BlockingQueue<String> lines) throws IOException {
        Path jar = Path.of(System.getProperty("switchboard.standaloneJar", "target/switchboard-standalone.jar"));
        assertTrue(Files.isRegularFile(jar), "the fat jar is built by 'package': " + jar);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "standalone-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    /** Waits for a printed line matching {@code pattern}, failing with everything printed so far. */
    static Matcher awaitLine(BlockingQueue<String> lines, Pattern pattern, Duration within) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                Matcher matcher = pattern.matcher(line);
                if (matcher.matches()) {
                    return matcher;
                }
            }
        }
        throw new AssertionError("no line matching " + pattern + " within " + within.toSeconds() + " s; output:\n" + seen);
    }
}
