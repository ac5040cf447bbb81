package dev.switchboard.core.it;

import dev.switchboard.api.AuthResult;
import dev.switchboard.api.Authenticator;
import dev.switchboard.api.ConnectionListener;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.RoomValidator;
import dev.switchboard.api.SyncAuthenticator;
import dev.switchboard.core.endpoint.Hubs;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.it.spi.AnnotatedTestEndpoint;
import dev.switchboard.core.it.spi.DiscoveredHooks;
import dev.switchboard.core.it.spi.DiscoveredRoomValidator;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hooks found by ServiceLoader from META-INF/services files written for each test. */
class SpiDiscoveryTest {

    @TempDir
    Path services;

    private ClassLoader loaderWith(Map<Class<?>, List<Class<?>>> entries) throws IOException {
        Path dir = Files.createDirectories(services.resolve("META-INF/services"));
        for (var entry : entries.entrySet()) {
            Files.write(dir.resolve(entry.getKey().getName()), entry.getValue().stream().map(Class::getName).toList());
        }
        return new URLClassLoader(new URL[]{services.toUri().toURL()}, getClass().getClassLoader());
    }

    private ClassLoader fullLoader() throws IOException {
        return loaderWith(Map.of(
                Authenticator.class, List.of(TestAuthenticator.class),
                RoomValidator.class, List.of(DiscoveredRoomValidator.class),
                MessageHandler.class, List.of(DiscoveredHooks.class),
                ConnectionListener.class, List.of(DiscoveredHooks.class)));
    }

    @Test
    void everyHookIsDiscovered() throws IOException {
        Hub hub = Hub.builder().classLoader(fullLoader()).build();
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri())) {
            client.authenticate("spi-user");
            assertTrue(DiscoveredHooks.CONNECTED_USERS.contains("spi-user"));

            client.emit("join", "{\"rooms\":[\"spi-room\",\"other\"]}");
            JsonObject joined = client.await("joined").getJsonObject("data");
            assertEquals(List.of("spi-room"), joined.getJsonArray("rooms").getValuesAs(JsonString::getString));
            assertEquals(List.of("other"), joined.getJsonArray("rejected").getValuesAs(JsonString::getString));

            client.emit("ping", "{\"n\":1}");
            assertEquals(1, client.await("discovered:ping").getJsonObject("data").getInt("n"));
        }
    }

    @Test
    void missingAuthenticatorIsAClearStartupError() throws IOException {
        ClassLoader empty = loaderWith(Map.of());
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Hub.builder().classLoader(empty).build());
        assertTrue(error.getMessage().contains("dev.switchboard.api.Authenticator"), error.getMessage());
        assertTrue(error.getMessage().contains("META-INF/services"), error.getMessage());
    }

    @Test
    void twoDiscoveredAuthenticatorsAreRefused() throws IOException {
        ClassLoader two = loaderWith(Map.of(Authenticator.class, List.of(TestAuthenticator.class, OtherAuthenticator.class)));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Hub.builder().classLoader(two).build());
        assertTrue(error.getMessage().contains(OtherAuthenticator.class.getName()), error.getMessage());
    }

    @Test
    void hookSetInCodeWinsAndDiscoveryCanBeTurnedOff() throws IOException {
        Hub hub = Hub.builder().classLoader(fullLoader()).discoverHooks(false)
                .authenticator(Token.class, (SyncAuthenticator<Token, Object>) (token, client) ->
                        "open-sesame".equals(token.secret()) ? AuthResult.of("coded") : null)
                .build();
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri())) {
            client.emit("authenticate", "{\"secret\":\"open-sesame\"}");
            assertEquals("coded", client.await("connected").getJsonObject("data").getString("userId"));
            client.emit("join", "{\"rooms\":[\"spi-room\"]}");
            assertEquals(List.of("spi-room"), client.await("joined").getJsonObject("data")
                    .getJsonArray("rejected").getValuesAs(JsonString::getString), "discovered validator not used");
        }
    }

    @Test
    void annotatedEndpointUsesTheInstalledHubWithPathParameters() throws IOException {
        Hub installed = Hub.builder().classLoader(fullLoader()).build();
        Hubs.install(installed);
        Hub unused = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build();
        try (TestServer server = TestServer.start(unused, AnnotatedTestEndpoint.class);
             WsClient client = WsClient.connect(server.uri("/annotated/globex"))) {
            String id = client.authenticate("annotated").getJsonObject("data").getString("id");
            var view = installed.client(id).orElseThrow();
            assertEquals("globex", view.handshake().pathParameter("tenant"));
            assertEquals("/annotated/globex", view.handshake().path());
            client.emit("ping", "2");
            assertEquals(2, client.await("discovered:ping").getInt("data"));
        } finally {
            Hubs.shutdown();
        }
    }

    @Test
    void hubsBuildsADefaultHubFromTheContextClassLoader() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(fullLoader());
        Hub built;
        try {
            built = Hubs.current();
        } finally {
            thread.setContextClassLoader(previous);
        }
        Hub unused = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build();
        try (TestServer server = TestServer.start(unused, AnnotatedTestEndpoint.class);
             WsClient client = WsClient.connect(server.uri("/annotated/initech"))) {
            assertEquals(built, Hubs.current());
            String id = client.authenticate("default-hub").getJsonObject("data").getString("id");
            assertTrue(built.client(id).isPresent(), "the connection belongs to the discovered default hub");
            client.emit("join", "{\"rooms\":[\"spi-a\"]}");
            assertEquals(List.of("spi-a"), client.await("joined").getJsonObject("data")
                    .getJsonArray("rooms").getValuesAs(JsonString::getString));
        } finally {
            Hubs.shutdown();
        }
    }

    public record Token(String secret) {
    }

    public static class OtherAuthenticator implements SyncAuthenticator<Map<String, Object>, Object> {
        @Override
        public AuthResult<Object> verify(Map<String, Object> credentials, dev.switchboard.api.Client client) {
            return null;
        }
    }
}
