package dev.switchboard.core.hub;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.OverflowPolicy;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.MemoryTransport;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.Together;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub against its own connection interface, with no container. */
class HubTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final Handshake HANDSHAKE = new Handshake("/ws", Map.of(), Map.of(), Map.of(), "test:1", "");

    private final Recorder recorder = new Recorder();
    private Hub hub;

    private Hub hub(HubBuilder builder) {
        hub = builder.build();
        return hub;
    }

    private HubBuilder builder() {
        return Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).listener(recorder)
                .roomValidator((client, rooms) -> rooms);
    }

    @AfterEach
    void shutdown() {
        if (hub != null) {
            hub.shutdown();
        }
    }

    private Connection authenticated(Hub hub, MemoryTransport transport, String user) {
        Link link = hub.sockets().open(transport, HANDSHAKE);
        link.onText("{\"event\":\"authenticate\",\"data\":{\"user\":\"" + user + "\"}}");
        return link.connection();
    }

    @Test
    void onlyOneSendIsInFlightAndFramesKeepTheirOrder() {
        Hub hub = hub(builder());
        MemoryTransport transport = new MemoryTransport(true);
        Connection connection = authenticated(hub, transport, "alice");
        for (int i = 0; i < 50; i++) {
            hub.sendToClient(connection.id(), "n", i);
        }
        assertEquals(1, transport.sent().size(), "only 'connected' is in flight");
        transport.completeAll();
        for (int i = 0; i < 60 && transport.completeOne(); i++) {
            transport.completeAll();
        }
        List<String> sent = transport.sent();
        assertEquals(51, sent.size());
        assertTrue(sent.get(0).startsWith("{\"event\":\"connected\""), sent.get(0));
        for (int i = 0; i < 50; i++) {
            assertEquals("{\"event\":\"n\",\"data\":" + i + "}", sent.get(i + 1));
        }
        assertEquals(1, transport.maxInFlight());
    }

    @Test
    void synchronousCompletionsDoNotRecurse() {
        Hub hub = hub(builder().maxQueuedBytes(64L * 1024 * 1024));
        MemoryTransport transport = new MemoryTransport(false);
        Connection connection = authenticated(hub, transport, "alice");
        for (int i = 0; i < 100_000; i++) {
            hub.sendToClient(connection.id(), "n", i);
        }
        assertEquals(100_001, transport.sent().size());
        assertEquals(0, connection.queuedBytes());
    }

    @Test
    void overflowCleansUpAtOnceAndClosesWith1013AfterTheFrameInFlight() {
        Hub hub = hub(builder().maxQueuedBytes(4096));
        MemoryTransport transport = new MemoryTransport(true);
        Connection connection = authenticated(hub, transport, "alice");
        for (int i = 0; i < 100 && connection.state() == ClientState.AUTHENTICATED; i++) {
            hub.sendToClient(connection.id(), "bulk", "x".repeat(500));
        }
        assertEquals(ClientState.DISCONNECTED, connection.state());
        assertNull(transport.closeCode(), "a write in flight is not cut short");
        int sentBefore = transport.sent().size();
        assertTrue(transport.completeOne());
        assertEquals(CloseCodes.TRY_AGAIN_LATER, transport.closeCode());
        assertEquals(sentBefore, transport.sent().size(), "the queued frames were dropped, not written");
        assertEquals(0, hub.clientCount());
        assertEquals(0, hub.roomCount());
        assertEquals(List.of(new Recorder.Disconnect(connection.id(), "alice", CloseCodes.TRY_AGAIN_LATER)),
                recorder.disconnected);
    }

    @Test
    void aSlowConsumerThatNeverReadsAgainIsClosedByTheCloseDeadline() {
        Hub hub = hub(builder().maxQueuedBytes(4096).closeTimeout(Duration.ofMillis(200)));
        MemoryTransport transport = new MemoryTransport(true);
        Connection connection = authenticated(hub, transport, "alice");
        for (int i = 0; i < 100 && connection.state() == ClientState.AUTHENTICATED; i++) {
            hub.sendToClient(connection.id(), "bulk", "x".repeat(500));
        }
        assertEquals(ClientState.DISCONNECTED, connection.state());
        Eventually.equal("close by deadline", CloseCodes.TRY_AGAIN_LATER, transport::closeCode);
    }

    @Test
    void dropPolicyCountsDroppedMessages() {
        Hub hub = hub(builder().maxQueuedBytes(4096).overflowPolicy(OverflowPolicy.DROP));
        MemoryTransport transport = new MemoryTransport(true);
        Connection connection = authenticated(hub, transport, "alice");
        for (int i = 0; i < 100; i++) {
            hub.sendToClient(connection.id(), "bulk", "x".repeat(500));
        }
        assertNull(transport.closeCode());
        assertTrue(connection.droppedMessages() > 80, "dropped " + connection.droppedMessages());
        assertTrue(connection.isBackpressured());
        transport.completeAll();
        while (transport.completeOne()) {
            transport.completeAll();
        }
        assertEquals(List.of(connection.id()), recorder.drained);
    }

    @Test
    void authFailureSendsTheErrorBeforeClosing() {
        Hub hub = hub(builder());
        MemoryTransport transport = new MemoryTransport(true);
        Connection connection = authenticated(hub, transport, "reject");
        assertEquals(1, transport.sent().size());
        assertTrue(transport.sent().get(0).contains("AUTHENTICATION_FAILED"));
        assertNull(transport.closeCode(), "close waits for the error frame to be written");
        transport.completeOne();
        assertEquals(CloseCodes.AUTH_FAILED, transport.closeCode());
        assertEquals(ClientState.DISCONNECTED, connection.state());
        assertEquals(0, hub.clientCount());
    }

    @Test
    void politeCloseGivesUpWaitingAfterTheCloseTimeout() {
        Hub hub = hub(builder().closeTimeout(Duration.ofMillis(200)));
        MemoryTransport transport = new MemoryTransport(true);
        Connection connection = authenticated(hub, transport, "alice");
        connection.close(4100, "app closes");
        assertNull(transport.closeCode());
        Eventually.until("closed after the timeout", () -> Integer.valueOf(4100).equals(transport.closeCode()));
    }

    @Test
    void aFailedSendEndsTheConnection() {
        Hub hub = hub(builder());
        MemoryTransport transport = new MemoryTransport(true);
        Connection connection = authenticated(hub, transport, "alice");
        transport.failOne(new IOException("broken pipe"));
        assertEquals(ClientState.DISCONNECTED, connection.state());
        assertEquals(0, hub.clientCount());
        assertEquals(0, hub.userCount());
        assertEquals(1, recorder.disconnected.size());
    }

    @Test
    void concurrentDeliveriesToASessionGetConsecutiveSeqInSendOrder() throws Exception {
        Hub hub = hub(builder().resumption(Resumption.enabled(KEY).bufferSize(100)).maxQueuedBytes(64L * 1024 * 1024));
        MemoryTransport transport = new MemoryTransport(false);
        Connection connection = authenticated(hub, transport, "alice");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < 1000; i++) {
                    if (i % 2 == 0) {
                        hub.sendToClient(connection.id(), "n", thread);
                    } else {
                        hub.sendToRoom("ws-default", "n", thread, List.of());
                    }
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        List<String> sent = transport.sent();
        assertEquals(8001, sent.size());
        assertFalse(sent.get(0).contains("\"seq\""), "connected carries no seq");
        for (int i = 1; i <= 8000; i++) {
            assertTrue(sent.get(i).startsWith("{\"seq\":" + i + ",\"event\":\"n\""), sent.get(i));
        }
    }

    @Test
    void aFailedSendSuspendsASessionThatKeepsBufferingUntilShutdown() {
        Hub hub = hub(builder().resumption(Resumption.enabled(KEY)));
        MemoryTransport transport = new MemoryTransport(true);
        Connection connection = authenticated(hub, transport, "alice");
        transport.failOne(new IOException("connection reset"));
        assertEquals(ClientState.SUSPENDED, connection.state());
        assertEquals(List.of(connection.id()), recorder.suspended);
        hub.sendToUser("alice", "n", 1);
        assertEquals(1, transport.sent().size(), "nothing is written to the lost socket");
        assertEquals(1, hub.clientCount());
        assertTrue(recorder.disconnected.isEmpty());
        hub.shutdown();
        assertEquals(List.of(new Recorder.Disconnect(connection.id(), "alice", CloseCodes.GOING_AWAY)), recorder.disconnected);
        assertEquals(0, hub.clientCount());
    }

    @Test
    void concurrentJoinsLeavesAndClosesLeaveNothingBehind() throws Exception {
        Hub hub = hub(builder());
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            connections.add(authenticated(hub, new MemoryTransport(false), "user" + (i % 10)));
        }
        List<Callable<?>> tasks = new ArrayList<>();
        for (Connection connection : connections) {
            tasks.add(() -> {
                for (int r = 0; r < 20; r++) {
                    hub.joinRoom(connection.id(), "room-" + r);
                    connection.link().onText("{\"event\":\"join\",\"data\":{\"rooms\":[\"x-" + r + "\"]}}");
                }
                return null;
            });
            tasks.add(() -> {
                connection.link().onClose(1006, "gone");
                return null;
            });
            tasks.add(() -> {
                connection.link().onText("{\"event\":\"leave\",\"data\":{\"rooms\":[\"room-1\",\"x-2\"]}}");
                return null;
            });
        }
        Together.run(4, tasks);
        assertEquals(0, hub.clientCount());
        assertEquals(0, hub.userCount());
        assertEquals(0, hub.roomCount());
        assertEquals(200, recorder.disconnected.size());
    }
}
