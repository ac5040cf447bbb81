package dev.switchboard.standalone;

import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.testing.Handshakes;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS from a PKCS#12 keystore made here with the JDK's keytool: a wss:// round trip and the demo page
 * over HTTPS with a client that trusts only that keystore's certificate, and the start-up errors.
 */
class StandaloneTlsTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final String PASSWORD = "keystore-pass";
    private static final JwtAuthenticator TOKENS = new JwtAuthenticator(SECRET);

    @TempDir
    static Path dir;
    static Path keystore;
    static SSLContext trusting;
    static StandaloneServer server;

    @BeforeAll
    static void start() throws Exception {
        keystore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "switchboard", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD);
        trusting = trustingOnly(keystore);
        StandaloneConfig config = StandaloneConfig.from(tlsSettings(keystore.toString(), PASSWORD));
        server = StandaloneServer.start(config, new JwtAuthenticator(config.authSecret()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, String> tlsSettings(String file, String password) {
        Map<String, String> values = new HashMap<>(Map.of("SWITCHBOARD_PORT", "0", "SWITCHBOARD_AUTH_SECRET", SECRET,
                "SWITCHBOARD_ALLOWED_ORIGINS", "https://app.example"));
        if (file != null) {
            values.put(TlsKeystore.KEYSTORE, file);
        }
        if (password != null) {
            values.put(TlsKeystore.PASSWORD, password);
        }
        return values;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
    }

    /** A client context whose only trust anchor is the certificate in the server's keystore. */
    private static SSLContext trustingOnly(Path file) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            server.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", server.getCertificate("switchboard"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static HttpClient https() {
        return HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void aWebSocketRoundTripOverTls() {
        assertEquals("wss", server.webSocketUri().getScheme());
        try (WsClient client = WsClient.connect(https(), server.webSocketUri(), false, List.of())) {
            client.emit("authenticate", "{\"token\":\"" + TOKENS.issue("tess", Map.of(), Duration.ofMinutes(5)) + "\"}");
            assertEquals("tess", client.await("connected").getJsonObject("data").getString("userId"));
            client.send("{\"event\":\"request\",\"id\":\"1\",\"method\":\"system:echo\",\"data\":{\"over\":\"tls\"}}");
            JsonObject response = client.await("response");
            assertEquals("1", response.getString("id"));
            assertEquals("tls", response.getJsonObject("data").getString("over"));
        }
    }

    @Test
    void theDemoPageAndHealthAreServedOverHttpsOnTheSamePort() throws Exception {
        assertEquals("https", server.httpUri().getScheme());
        HttpClient http = https();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(server.httpUri()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Switchboard demo</title>"));
        HttpResponse<String> live = http.send(HttpRequest.newBuilder(server.httpUri().resolve("/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"status\":\"UP\"}", live.body());
    }

    @Test
    void theOriginCheckAppliesOverTls() {
        assertEquals(403, Handshakes.status(trusting.getSocketFactory(), server.webSocketUri(), "http://evil.example"));
        assertEquals(101, Handshakes.status(trusting.getSocketFactory(), server.webSocketUri(), "https://app.example"));
    }

    @Test
    void misconfigurationsAreOneLineErrorsNamingTheKey() throws Exception {
        assertEquals("SWITCHBOARD_TLS_KEYSTORE names '" + dir.resolve("missing.p12") + "', which does not exist or is not a file",
                error(tlsSettings(dir.resolve("missing.p12").toString(), PASSWORD)));
        assertEquals("SWITCHBOARD_TLS_KEYSTORE_PASSWORD does not open '" + keystore + "': wrong password",
                error(tlsSettings(keystore.toString(), "not-the-password")));
        assertEquals("SWITCHBOARD_TLS_KEYSTORE is set but SWITCHBOARD_TLS_KEYSTORE_PASSWORD is not",
                error(tlsSettings(keystore.toString(), null)));
        assertEquals("SWITCHBOARD_TLS_KEYSTORE_PASSWORD is set but SWITCHBOARD_TLS_KEYSTORE is not",
                error(tlsSettings(null, PASSWORD)));
        Path notAKeystore = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertTrue(error(tlsSettings(notAKeystore.toString(), PASSWORD))
                .startsWith("SWITCHBOARD_TLS_KEYSTORE: '" + notAKeystore + "' cannot be read as a PKCS#12 keystore"));
    }

    private static String error(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.from(values)).getMessage();
    }

    /** The real process: exit code 2 and one line on the console, no stack trace. */
    @Test
    void aWrongPasswordStopsTheServerWithExitCode2AndOneLine() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(tlsSettings(keystore.toString(), "not-the-password"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertEquals("Switchboard configuration error: SWITCHBOARD_TLS_KEYSTORE_PASSWORD does not open '" + keystore
                + "': wrong password\n", output);
    }
}
