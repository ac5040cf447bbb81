package dev.switchboard.core.it;

import dev.switchboard.core.testing.WithoutMicrometerMain;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Micrometer is an optional dependency: a deployment without it (a WAR that brings none) still serves. */
class WithoutMicrometerTest {

    @Test
    void aHubWithoutAMeterRegistryNeedsNoMicrometerOnTheClassPath() throws Exception {
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !entry.contains("micrometer") && !entry.contains("HdrHistogram")
                        && !entry.contains("LatencyUtils"))
                .collect(Collectors.joining(File.pathSeparator));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, WithoutMicrometerMain.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("SERVED"), output);
    }
}
