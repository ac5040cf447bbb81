package dev.switchboard.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged standalone jar running as a child JVM with only the given {@code SWITCHBOARD_*}
 * settings; every line it prints (stdout and stderr) is collected by a daemon thread.
 * {@link #close()} kills it if it is still alive.
 */
final class StandaloneJar implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private StandaloneJar(Process process) {
        this.process = process;
    }

    static StandaloneJar start(Map<String, String> env) throws IOException {
        Path jar = Path.of(System.getProperty("switchboard.standaloneJar", "target/switchboard-standalone.jar"));
        assertTrue(Files.isRegularFile(jar), "the fat jar is built by 'package': " + jar);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(env);
        StandaloneJar started = new StandaloneJar(builder.start());
        Thread reader = new Thread(started::collectOutput, "standalone-output");
        reader.setDaemon(true);
        reader.start();
        return started;
    }

    private void collectOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    Process process() {
        return process;
    }

    /** The lines printed and not yet consumed by {@link #awaitLine}. */
    List<String> unreadLines() {
        return List.copyOf(lines);
    }

    /** Waits for a printed line matching {@code pattern}, failing with everything printed so far. */
    Matcher awaitLine(Pattern pattern, Duration within) throws InterruptedException {
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

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
