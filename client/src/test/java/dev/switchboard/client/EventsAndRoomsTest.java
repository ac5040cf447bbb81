package dev.switchboard.client;

import dev.switchboard.api.Message;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static dev.switchboard.client.Clients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server events reaching typed handlers in order; join/leave; custom events to the server. */
class EventsAndRoomsTest {

    public record Tick(int n) {
    }

    public record ChatMessage(String room, String from, String text) {
    }

    static TestServer server;
    static Hub hub;
    static final List<String> received = new CopyOnWriteArrayList<>();
    static final List<Integer> sequence = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .roomValidator((client, requested) -> requested.stream().filter(r -> r.startsWith("public-")).toList())
                .messageHandler((client, message) -> onMessage(client, message))
                .build();
        server = TestServer.start(hub);
    }

    private static void onMessage(dev.switchboard.api.Client client, Message message) {
        if (message.event().equals("seq")) {
            sequence.add(message.data(Integer.class));
        }
        if (message.event().equals("chat")) {
            ChatMessage chat = message.data(ChatMessage.class);
            received.add(client.userId() + ":" + chat.text());
            hub.sendToRoom(chat.room(), "chat:message", new ChatMessage(chat.room(), client.userId(), chat.text()), List.of());
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sendToClientArrivesInOrderOnTypedHandlersOffTheSocketThread() {
        try (SwitchboardClient client = Clients.connected(server)) {
            List<Integer> ticks = new CopyOnWriteArrayList<>();
            Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            client.on("tick", Tick.class, tick -> {
                ticks.add(tick.n());
                threads.add(Thread.currentThread().getName());
            });
            String id = await(client.authenticate(Map.of("user", "alice"))).id();
            for (int i = 0; i < 200; i++) {
                hub.sendToClient(id, "tick", new Tick(i));
            }
            Eventually.until("200 ticks", () -> ticks.size() == 200);
            assertEquals(IntStream.range(0, 200).boxed().toList(), ticks);
            assertTrue(threads.stream().allMatch(t -> t.startsWith("switchboard-client-callback")), threads.toString());
        }
    }

    @Test
    void joinRoomsThenRoomEventsThenLeave() {
        try (SwitchboardClient alice = Clients.authenticated(server, "alice");
             SwitchboardClient bob = Clients.authenticated(server, "bob")) {
            List<ChatMessage> bobSaw = new CopyOnWriteArrayList<>();
            List<String> bobMarkers = new CopyOnWriteArrayList<>();
            bob.on("chat:message", ChatMessage.class, bobSaw::add);
            bob.on("marker", payload -> bobMarkers.add(payload.as(String.class)));

            Rooms joined = await(bob.join("public-lobby", "secret", "public-news"));
            assertEquals(List.of("public-lobby", "public-news"), joined.rooms());
            assertEquals(List.of("secret"), joined.rejected());
            assertTrue(hub.roomsOf(bob.connected().id()).contains("public-lobby"));
            await(alice.join("public-lobby"));

            await(alice.emit("chat", new ChatMessage("public-lobby", null, "hello")));
            Eventually.until("bob got the chat", () -> bobSaw.size() == 1);
            assertEquals(new ChatMessage("public-lobby", "alice", "hello"), bobSaw.get(0));
            assertEquals(List.of("alice:hello"), received.stream().filter(r -> r.equals("alice:hello")).toList());

            Rooms left = await(bob.leave("public-lobby", "public-unknown"));
            assertEquals(List.of("public-lobby"), left.rooms());
            assertEquals(List.of(), left.rejected());
            hub.sendToRoom("public-lobby", "chat:message", new ChatMessage("public-lobby", "server", "after leave"), List.of());
            hub.sendToClient(bob.connected().id(), "marker", "end");
            Eventually.until("marker", () -> bobMarkers.contains("end"));
            assertEquals(1, bobSaw.size(), "nothing from a room after leaving it (the marker was sent later)");
        }
    }

    @Test
    void concurrentJoinsAndLeavesMatchTheirReplies() {
        try (SwitchboardClient client = Clients.authenticated(server, "carol")) {
            List<CompletableFuture<Rooms>> replies = IntStream.range(0, 40).parallel()
                    .mapToObj(i -> i % 2 == 0 ? client.join("public-" + i) : client.leave("public-" + (i - 1)))
                    .toList();
            for (int i = 0; i < 40; i += 2) {
                assertEquals(List.of("public-" + i), await(replies.get(i)).rooms(), "join " + i);
                List<String> leftRooms = await(replies.get(i + 1)).rooms();
                assertTrue(leftRooms.isEmpty() || leftRooms.equals(List.of("public-" + i)), "leave " + (i + 1));
            }
        }
    }

    @Test
    void rawHandlersHandlersThatThrowAndUnknownEvents() {
        try (SwitchboardClient client = Clients.authenticated(server, "dave")) {
            List<Object> seen = new CopyOnWriteArrayList<>();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            client.onError(errors::add);
            client.on("news", payload -> {
                throw new IllegalStateException("handler bug");
            });
            client.on("news", payload -> seen.add(payload.json().asJsonObject().getString("title")));
            client.on("tick", Tick.class, tick -> seen.add(tick.n()));
            String id = client.connected().id();
            hub.sendToClient(id, "nobody-listens", Map.of("x", 1));
            hub.sendToClient(id, "news", Map.of("title", "first"));
            hub.sendToClient(id, "tick", "not a tick");
            hub.sendToClient(id, "tick", new Tick(7));
            Eventually.until("both handled", () -> seen.size() == 2);
            assertEquals(List.of("first", 7), seen);
            Eventually.until("two errors reported", () -> errors.size() == 2);
            assertInstanceOf(IllegalStateException.class, errors.get(0).getCause());
            assertFalse(errors.get(0).getCause().getMessage().isEmpty());
            assertTrue(client.isOpen());
        }
    }

    @Test
    void emittedEventsReachTheServerInOrder() {
        try (SwitchboardClient client = Clients.authenticated(server, "frank")) {
            List<CompletableFuture<Void>> sent = IntStream.range(0, 300).mapToObj(i -> client.emit("seq", i)).toList();
            sent.forEach(Clients::await);
            Eventually.until("300 received", () -> sequence.size() == 300);
            assertEquals(IntStream.range(0, 300).boxed().toList(), sequence);
        }
    }

    @Test
    void handlersMayBlockOnTheClientsOwnFuturesAndRunOnAGivenExecutor() throws Exception {
        java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "my-callbacks");
            thread.setDaemon(true);
            return thread;
        });
        try (SwitchboardClient client = Clients.builder(server).executor(mine).build()) {
            CompletableFuture<String> outcome = new CompletableFuture<>();
            client.on("go", String.class, room -> {
                Rooms joined = client.join(room).join();
                outcome.complete(Thread.currentThread().getName() + " " + joined.rooms());
            });
            await(client.connect());
            String id = await(client.authenticate(Map.of("user", "gina"))).id();
            hub.sendToClient(id, "go", "public-blocking");
            assertEquals("my-callbacks [public-blocking]", await(outcome));
        } finally {
            mine.shutdownNow();
        }
    }

    @Test
    void broadcastAndOff() {
        try (SwitchboardClient client = Clients.authenticated(server, "erin")) {
            List<String> got = new CopyOnWriteArrayList<>();
            client.on("system:announcement", String.class, got::add);
            hub.broadcast("system:announcement", "maintenance", List.of());
            Eventually.until("announcement", () -> got.contains("maintenance"));
            client.off("system:announcement");
            client.on("marker", String.class, got::add);
            hub.broadcast("system:announcement", "ignored", List.of());
            hub.sendToClient(client.connected().id(), "marker", "end");
            Eventually.until("marker", () -> got.contains("end"));
            assertEquals(List.of("maintenance", "end"), got);
        }
    }
}
