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
 * Runs the browser client's Node tests with Node's built-in runner ({@code node --test}) so
 * {@code mvn verify} covers them: {@code switchboard-crypto.test.mjs} (the encryption scheme on
 * WebCrypto, checked against node:crypto: key derivation, seal/open round trips, tamper and replay
 * rejection) and {@code switchboard-client.test.mjs} (close-code table, backoff, outbox, pending
 * calls). Fails, naming what to install, when {@code node} is missing.
 */
class SwitchboardJsTest {

    private static final List<Path> TESTS = List.of(
            Path.of("src/test/js/switchboard-crypto.test.mjs"),
            Path.of("src/test/js/switchboard-client.test.mjs"));

    @Test
    void theBrowserClientsNodeTestsPass() throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("node", "--test"));
        for (Path test : TESTS) {
            assertTrue(Files.isRegularFile(test), "run from the core module directory: " + test.toAbsolutePath());
            command.add(test.toString());
        }
        Process node;
        try {
            node = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("Node.js 18+ is required for the browser client's tests: apt-get install -y nodejs (" + e.getMessage() + ")");
            return;
        }
        node.getOutputStream().close();
        byte[] output = node.getInputStream().readAllBytes();
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "node --test did not finish");
        String report = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, node.exitValue(), "node --test failed:\n" + report);
        assertTrue(report.lines().anyMatch("# fail 0"::equals), report);
        String tests = report.lines().filter(line -> line.startsWith("# tests ")).findFirst().orElse("# tests 0");
        String pass = report.lines().filter(line -> line.startsWith("# pass ")).findFirst().orElse("# pass 0");
        assertEquals(tests.substring("# tests ".length()), pass.substring("# pass ".length()), report);
        assertTrue(Integer.parseInt(pass.substring("# pass ".length())) >= 13, "every test ran:\n" + report);
    }
}
