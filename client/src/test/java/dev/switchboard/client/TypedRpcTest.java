package dev.switchboard.client;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.client.Clients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Records in and out of server methods, generic result types, and progress notifications. */
class TypedRpcTest {

    public record Order(String sku, int quantity, List<String> tags) {
    }

    public record Quote(String sku, long cents, boolean inStock) {
    }

    public record Step(int step, String label) {
    }

    static TestServer server;
    static ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start() {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build();
        hub.method("shop:quote", ctx -> {
            Order order = ctx.payload(Order.class);
            return new Quote(order.sku(), 250L * order.quantity(), !order.tags().contains("sold-out"));
        });
        hub.method("shop:list", ctx -> List.of(new Quote("a", 1, true), new Quote("b", 2, false)));
        hub.method("shop:nothing", ctx -> ctx.success(null));
        hub.method("shop:slowQuote", ctx -> {
            Order order = ctx.payload(Order.class);
            for (int step = 1; step <= 3; step++) {
                int n = step;
                later.schedule(() -> ctx.notification(new Step(n, "step " + n)), 20L * step, TimeUnit.MILLISECONDS);
            }
            later.schedule(() -> ctx.success(new Quote(order.sku(), 99, true)), 100, TimeUnit.MILLISECONDS);
            return null;
        });
        server = TestServer.start(hub);
    }

    @AfterAll
    static void stop() {
        server.close();
        later.shutdownNow();
    }

    @Test
    void recordsBothWays() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            Quote quote = await(client.request("shop:quote", new Order("sku-1", 3, List.of("gift")), Quote.class));
            assertEquals(new Quote("sku-1", 750, true), quote);
            assertEquals(new Quote("sku-2", 250, false),
                    await(client.request("shop:quote", new Order("sku-2", 1, List.of("sold-out")), Quote.class)));
        }
    }

    @Test
    void genericResultTypeAndEmptyAnswer() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            CompletableFuture<List<Quote>> quotes = client.request("shop:list", null, listOf(Quote.class));
            assertEquals(List.of(new Quote("a", 1, true), new Quote("b", 2, false)), await(quotes));
            assertNull(await(client.request("shop:nothing", null, Quote.class)));
            Map<?, ?> raw = await(client.request("shop:quote", new Order("x", 1, List.of()), Map.class));
            assertEquals("x", raw.get("sku"));
        }
    }

    @Test
    void notificationsArriveInOrderBeforeTheAnswer() {
        try (SwitchboardClient client = Clients.authenticated(server, "alice")) {
            List<Step> progress = new CopyOnWriteArrayList<>();
            CompletableFuture<Quote> call = client.request("shop:slowQuote", new Order("s", 1, List.of()), Quote.class,
                    Duration.ofSeconds(5), note -> progress.add(note.as(Step.class)));
            List<Step> seenWhenAnswered = await(call.thenApply(quote -> List.copyOf(progress)));
            assertEquals(List.of(new Step(1, "step 1"), new Step(2, "step 2"), new Step(3, "step 3")), seenWhenAnswered);
            assertEquals(new Quote("s", 99, true), await(call));
        }
    }

    static Type listOf(Class<?> element) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[]{element};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }
}
