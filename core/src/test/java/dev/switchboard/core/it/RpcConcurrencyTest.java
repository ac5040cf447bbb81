package dev.switchboard.core.it;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** 1,000 requests from 10 raw clients at once, answered out of order: every answer goes to its caller, ids matched. */
class RpcConcurrencyTest {

    public record Job(String client, int n) {
    }

    @Test
    void thousandConcurrentRequestsAreAnsweredWithoutCrossTalk() throws Exception {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .maxInFlightRequests(200).build();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        LinkedBlockingQueue<Runnable> waiting = new LinkedBlockingQueue<>();
        hub.method("work:square", ctx -> {
            Job job = ctx.payload(Job.class);
            if (!job.client().equals(ctx.client().userId())) {
                throw new IllegalStateException("payload of " + job.client() + " seen by " + ctx.client().userId());
            }
            CompletableFuture<Object> answer = new CompletableFuture<>();
            waiting.add(() -> answer.complete(Map.of("client", job.client(), "square", (long) job.n() * job.n())));
            return answer;
        });
        // Answer later, from other threads, in shuffled order: each shuffler takes whatever calls are
        // waiting and answers them in random order.
        for (int i = 0; i < 2; i++) {
            workers.execute(() -> shuffle(waiting));
        }
        int clients = 10;
        int perClient = 100;
        try (TestServer server = TestServer.start(hub)) {
            List<WsClient> sockets = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                sockets.add(WsClient.authenticated(server.uri(), "user" + c));
            }
            ExecutorService senders = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                WsClient socket = sockets.get(c);
                String user = "user" + c;
                senders.submit(() -> {
                    for (int n = 0; n < perClient; n++) {
                        socket.send("{\"event\":\"request\",\"id\":\"" + user + "-" + n + "\",\"method\":\"work:square\","
                                + "\"data\":{\"client\":\"" + user + "\",\"n\":" + n + "}}");
                    }
                });
            }
            senders.shutdown();
            senders.awaitTermination(30, TimeUnit.SECONDS);
            for (int c = 0; c < clients; c++) {
                String user = "user" + c;
                Map<String, Long> answers = new HashMap<>();
                for (int i = 0; i < perClient; i++) {
                    JsonObject response = sockets.get(c).await("response");
                    JsonObject data = response.getJsonObject("data");
                    assertEquals(user, data.getString("client"), "cross-talk: " + response);
                    answers.put(response.getString("id"), data.getJsonNumber("square").longValue());
                }
                assertEquals(perClient, answers.size(), "one answer per request");
                for (int n = 0; n < perClient; n++) {
                    assertEquals((long) n * n, answers.get(user + "-" + n), user + "-" + n);
                }
            }
            sockets.forEach(WsClient::close);
        } finally {
            workers.shutdownNow();
        }
    }

    /** Answers waiting calls in random order until interrupted. */
    private static void shuffle(LinkedBlockingQueue<Runnable> answers) {
        try {
            while (true) {
                List<Runnable> batch = new ArrayList<>();
                batch.add(answers.take());
                answers.drainTo(batch);
                Collections.shuffle(batch, ThreadLocalRandom.current());
                batch.forEach(Runnable::run);
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }
}
