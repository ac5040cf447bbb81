package dev.switchboard.client;

import dev.switchboard.api.RpcException;
import dev.switchboard.core.testing.TestServer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test helpers: SDK clients against a {@link TestServer}, and the code of a failed future. */
final class Clients {

    static final Duration WAIT = Duration.ofSeconds(10);

    private Clients() {
    }

    static SwitchboardClientBuilder builder(TestServer server) {
        return SwitchboardClient.builder(server.uri()).requestTimeout(WAIT).heartbeatInterval(Duration.ofSeconds(25));
    }

    /** A connected client, not yet authenticated. */
    static SwitchboardClient connected(TestServer server) {
        SwitchboardClient client = builder(server).build();
        await(client.connect());
        return client;
    }

    /** A client authenticated as {@code user} with the test authenticator. */
    static SwitchboardClient authenticated(TestServer server, String user) {
        SwitchboardClient client = connected(server);
        await(client.authenticate(Map.of("user", user)));
        return client;
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete normally within " + WAIT, e);
        }
    }

    /** The failure of a future that must fail, as an RpcException. */
    static RpcException failure(CompletableFuture<?> future) {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        return assertInstanceOf(RpcException.class, failed.getCause(), () -> "cause: " + failed.getCause());
    }

    static String code(CompletableFuture<?> future) {
        return failure(future).code();
    }
}
