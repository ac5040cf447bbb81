package dev.switchboard.api.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code docs/encryption-vectors.mjs} with Node: an independent WebCrypto implementation
 * recomputes the vectors from the private scalars. Needs {@code node} 18+ on the PATH.
 */
class WebCryptoVectorsTest {

    private static final Path SCRIPT = Path.of("..", "docs", "encryption-vectors.mjs");

    @Test
    void webCryptoAgreesWithEveryVector() throws Exception {
        Result result = node(EncryptionVectorsWriter.FILE);
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().startsWith("ok: "), result.output());
    }

    @Test
    void theScriptNoticesATamperedVector(@TempDir Path dir) throws Exception {
        String json = Files.readString(EncryptionVectorsWriter.FILE, StandardCharsets.UTF_8);
        String ct = "\"ct\": \"";
        int at = json.indexOf(ct) + ct.length();
        char flipped = json.charAt(at) == 'A' ? 'B' : 'A';
        Path tampered = dir.resolve("tampered.json");
        Files.writeString(tampered, json.substring(0, at) + flipped + json.substring(at + 1), StandardCharsets.UTF_8);
        Result result = node(tampered);
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("MISMATCH"), result.output());
    }

    private record Result(int exit, String output) {
    }

    private static Result node(Path vectors) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("node", SCRIPT.toString(), vectors.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("node (18+) must be on the PATH to cross-check the vectors with WebCrypto", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("node did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
