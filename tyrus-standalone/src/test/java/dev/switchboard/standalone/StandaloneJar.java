package dev.switchboard.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

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
}
