package dev.switchboard.standalone;

import dev.switchboard.core.auth.JwtAuthenticator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Over plain HTTP: the browser client's modules from the core jar, the demo's files, and demo tokens only in demo mode. */
class ClientFilesTest {

    private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z-]+\\.js)'");
    // HTTP/1.1 as browsers speak it (the JDK client would otherwise ask for an h2c upgrade).
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesEveryModuleOfSwitchboardJsAsJavaScriptFromTheCoreJar() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(StandaloneConfig.from(Map.of("SWITCHBOARD_PORT", "0",
                "SWITCHBOARD_AUTH_SECRET", "a-secret-for-the-client-files-test-32-bytes")), new JwtAuthenticator("a-secret-for-the-client-files-test-32-bytes"))) {
            Deque<String> todo = new ArrayDeque<>(java.util.List.of("switchboard.js"));
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String file = todo.pop();
                if (!seen.add(file)) {
                    continue;
                }
                HttpResponse<String> response = get(server.httpUri().resolve("/switchboard/" + file));
                assertEquals(200, response.statusCode(), file);
                String type = response.headers().firstValue("content-type").orElse("");
                assertTrue(type.startsWith("text/javascript") || type.startsWith("application/javascript"), file + ": " + type);
                assertEquals(resource("/META-INF/resources/switchboard/" + file), response.body(), file);
                Matcher imports = IMPORT.matcher(response.body());
                while (imports.find()) {
                    todo.push(imports.group(1));
                }
            }
            assertTrue(seen.containsAll(Set.of("switchboard.js", "switchboard-session.js", "switchboard-crypto.js",
                    "switchboard-calls.js", "switchboard-events.js", "switchboard-outbox.js", "switchboard-protocol.js")), seen.toString());
            assertEquals(200, get(server.httpUri().resolve("/switchboard/switchboard.d.ts")).statusCode());
            for (String file : java.util.List.of("/", "/demo.js", "/demo.css")) {
                assertEquals(200, get(server.httpUri().resolve(file)).statusCode(), file);
            }
            assertEquals(404, get(server.httpUri().resolve("/demo/token?user=x")).statusCode(), "a configured secret: no demo tokens");
        }
    }

    @Test
    void inDemoModeHandsOutTokensTheServerAccepts() throws Exception {
        JwtAuthenticator authenticator = new JwtAuthenticator(JwtAuthenticator.generateSecret());
        try (StandaloneServer server = StandaloneServer.start(StandaloneConfig.from(Map.of("SWITCHBOARD_PORT", "0")), authenticator)) {
            HttpResponse<String> named = get(server.httpUri().resolve("/demo/token?user=ada"));
            assertEquals(200, named.statusCode());
            assertTrue(named.body().startsWith("{\"userId\":\"ada\",\"token\":\"ey"), named.body());
            HttpResponse<String> odd = get(server.httpUri().resolve("/demo/token?user=%3Cscript%3E"));
            assertTrue(odd.body().matches("\\{\"userId\":\"guest-\\d{4}\",\"token\":\"[A-Za-z0-9_.-]+\"}"), odd.body());
            String token = named.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            try (var client = dev.switchboard.core.testing.WsClient.connect(server.webSocketUri())) {
                client.emit("authenticate", "{\"token\":\"" + token + "\"}");
                assertEquals("ada", client.await("connected").getJsonObject("data").getString("userId"));
            }
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ClientFilesTest.class.getResourceAsStream(path)) {
            assertNotNull(in, path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
