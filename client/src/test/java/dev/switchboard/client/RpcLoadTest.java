package dev.switchboard.client;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,000 concurrent requests from 10 SDK clients (100 each, fired from several threads without
 * waiting) to a method that answers after a random delay, so answers come back out of order;
 * each answer must belong to its own request.
 */
class RpcLoadTest {

    public record Ask(int client, int n, String text) {
    }

    public record Answer(int client, int n, String text, String user) {
    }

    static final int CLIENTS = 10;
    static final int PER_CLIENT = 100;

    @Test
    void thousandConcurrentRequestsAnsweredOutOfOrderWithoutCrossTalk() throws Exception {
        ScheduledExecutorService delays = Executors.newScheduledThreadPool(4);
        ExecutorService firing = Executors.newFixedThreadPool(CLIENTS * 2);
        AtomicInteger outOfOrder = new AtomicInteger();
        AtomicInteger lastAnswered = new AtomicInteger(-1);
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .maxInFlightRequests(PER_CLIENT * 2).build();
        hub.method("load:echo", ctx -> {
            Ask ask = ctx.payload(Ask.class);
            String user = ctx.client().userId();
            delays.schedule(() -> {
                int order = ask.client() * PER_CLIENT + ask.n();
                if (lastAnswered.getAndSet(order) > order) {
                    outOfOrder.incrementAndGet();
                }
                ctx.success(new Answer(ask.client(), ask.n(), new StringBuilder(ask.text()).reverse().toString(), user));
            }, ThreadLocalRandom.current().nextInt(0, 30), TimeUnit.MILLISECONDS);
            return null;
        });
        List<SwitchboardClient> clients = new ArrayList<>();
        try (TestServer server = TestServer.start(hub)) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(Clients.authenticated(server, "user-" + c));
            }
            List<CompletableFuture<CompletableFuture<Answer>>> fired = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                SwitchboardClient client = clients.get(c);
                for (int n = 0; n < PER_CLIENT; n++) {
                    Ask ask = new Ask(c, n, "c" + c + "-n" + n + "-" + "payload".repeat(n % 7));
                    fired.add(CompletableFuture.supplyAsync(() -> client.request("load:echo", ask, Answer.class), firing));
                }
            }
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (CompletableFuture<CompletableFuture<Answer>> f : fired) {
                answers.add(f.get(10, TimeUnit.SECONDS));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            int i = 0;
            for (int c = 0; c < CLIENTS; c++) {
                for (int n = 0; n < PER_CLIENT; n++) {
                    Answer answer = answers.get(i++).join();
                    String text = "c" + c + "-n" + n + "-" + "payload".repeat(n % 7);
                    assertEquals(new Answer(c, n, new StringBuilder(text).reverse().toString(), "user-" + c), answer);
                }
            }
            assertEquals(CLIENTS * PER_CLIENT, i);
            Eventually.until("nothing left in flight on the server", () -> hub.requestsInFlight() == 0);
            assertTrue(outOfOrder.get() > 0, "the answers really came back out of order");
        } finally {
            clients.forEach(SwitchboardClient::close);
            delays.shutdownNow();
            firing.shutdownNow();
        }
    }
}
