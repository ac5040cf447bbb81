package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import dev.switchboard.core.emitter.Emitter;
import dev.switchboard.core.testing.redis.SharedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Emitter reaches bus subscribers with all four kinds, and runs without the WebSocket API. */
class EmitterTest {

    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();

    @Test
    void deliversAllFourKindsToSubscribedNodes() throws Exception {
        Inbox inbox = new Inbox();
        try (RedisBus node = RedisBus.builder(REDIS.url()).prefix("emit").serverId("node-1").build()) {
            node.start(inbox);
            List.of(ClusterChannel.client("c1"), ClusterChannel.user("u1"), ClusterChannel.room("lobby"),
                    ClusterChannel.broadcast()).forEach(node::subscribe);
            RedisBusTest.awaitSubscribers(REDIS.server(), "emit:broadcast", 1);
            RedisBusTest.awaitSubscribers(REDIS.server(), "emit:room:lobby", 1);

            Emitter emitter = Emitter.builder(REDIS.url()).prefix("emit").build();
            emitter.sendToClient("c1", "direct", Map.of("n", 1));
            assertEquals(0, emitter.stats().dropped(), "the outbox took the message");
            emitter.sendToUser("u1", "hello", "hi");
            emitter.sendToRoom("lobby", "moved", List.of(1, 2), Set.of("c2"));
            emitter.broadcast("news", null, Set.of("c3"));
            emitter.shutdown();

            List<ClusterMessage> got = List.of(inbox.next(), inbox.next(), inbox.next(), inbox.next());
            assertEquals(List.of(ClusterChannel.client("c1"), ClusterChannel.user("u1"), ClusterChannel.room("lobby"),
                    ClusterChannel.broadcast()), got.stream().map(ClusterMessage::channel).toList());
            assertEquals("{\"n\":1}", got.get(0).data());
            assertEquals("\"hi\"", got.get(1).data());
            assertEquals("[1,2]", got.get(2).data());
            assertEquals(Set.of("c2"), got.get(2).exclude());
            assertEquals("null", got.get(3).data());
            assertEquals(Set.of("c3"), got.get(3).exclude());
            assertTrue(got.get(0).origin().startsWith("emitter-"));
        }
    }

    @Test
    void worksWithoutTheWebSocketApiOnTheClassPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("websocket") && !entry.contains("tyrus") && !entry.contains("grizzly")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        Inbox inbox = new Inbox();
        try (RedisBus node = RedisBus.builder(REDIS.url()).prefix("bare").serverId("node-1").build();
             URLClassLoader bare = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            node.start(inbox);
            node.subscribe(ClusterChannel.room("jobs"));
            RedisBusTest.awaitSubscribers(REDIS.server(), "bare:room:jobs", 1);
            assertThrows(ClassNotFoundException.class, () -> bare.loadClass("jakarta.websocket.Session"));

            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(bare);
            try {
                bare.loadClass(EmitterProbe.class.getName()).getMethod("emit", String.class).invoke(null, REDIS.url());
            } finally {
                thread.setContextClassLoader(previous);
            }

            ClusterMessage message = inbox.next();
            assertEquals("done", message.event());
            assertEquals("{\"count\":3}", message.data());
        }
    }

    /** Runs inside a class loader without jakarta.websocket: builds an Emitter and sends one message. */
    public static final class EmitterProbe {
        public static void emit(String url) {
            Emitter emitter = Emitter.builder(url).prefix("bare").build();
            emitter.sendToRoom("jobs", "done", Map.of("count", 3));
            emitter.shutdown();
        }
    }
}
