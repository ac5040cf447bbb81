package dev.switchboard.core.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the browser client's crypto tests ({@code src/test/js/switchboard-crypto.test.mjs}, Node's
 * built-in {@code node:test} on WebCrypto) so {@code mvn verify} covers them. Fails, naming what to
 * install, when {@code node} is missing.
 */
class SwitchboardJsCryptoTest {

    private static final Path TEST = Path.of("src/test/js/switchboard-crypto.test.mjs");

    @Test
    void theCryptoModuleDerivesSealsOpensAndRejectsTamperingAndReplays() throws Exception {
        assertTrue(Files.isRegularFile(TEST), "run from the core module directory: " + TEST.toAbsolutePath());
        Process node;
        try {
            node = new ProcessBuilder("node", "--test", TEST.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("Node.js 18+ is required for the browser client's tests: apt-get install -y nodejs (" + e.getMessage() + ")");
            return;
        }
        node.getOutputStream().close();
        byte[] output = node.getInputStream().readAllBytes();
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "node --test did not finish");
        String report = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, node.exitValue(), "node --test failed:\n" + report);
        List<String> summary = report.lines().filter(line -> line.startsWith("# pass") || line.startsWith("# fail")).toList();
        assertEquals(List.of("# pass 8", "# fail 0"), summary, report);
    }
}
