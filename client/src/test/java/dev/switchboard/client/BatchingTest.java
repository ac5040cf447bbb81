package dev.switchboard.client;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TcpProxy;
import dev.switchboard.core.testing.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static dev.switchboard.client.Clients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frame coalescing against a real Tyrus server: a socket that negotiated {@code switchboard.v1+batch}
 * gets what queued behind a send in flight as one frame of {@code \n}-separated envelopes, in order,
 * numbered, within the batch bound; a plain socket never does; the Java client opts in, splits, and
 * sees every message once and in order, replay after a lost connection included.
 *
 * <p>To make frames queue up without timing, the raw client stops reading until the server has
 * queued a burst behind more than the socket buffers hold, so the server's send stays in flight.
 */
class BatchingTest {

    private static final int BURST = 300;
    private static final String PAD = "x".repeat(100);
    /** Sent first: more than loopback's socket buffers hold, so the sends behind it queue up. */
    private static final String FILLER = "f".repeat(1 << 20);
    private static final int FILLERS = 24;
    private static final int BATCH_BOUND = 32 * 1024;

    private final Recorder recorder = new Recorder();

    /** The payload of the test's messages. */
    public record Numbered(int n, String pad) {
    }

    private Hub hub() {
        return Resumes.hub(recorder, Resumption.enabled(Resumes.KEY).bufferSize(2 * BURST + FILLERS).bufferBytes(64 << 20))
                .maxQueuedBytes(64 << 20).build();
    }

    /** A raw JDK socket that reads nothing until {@link #read()}; it keeps every text frame as it came. */
    private static final class RawSocket implements WebSocket.Listener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;

        static RawSocket open(URI uri, String... subprotocols) {
            RawSocket raw = new RawSocket();
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
            raw.socket = builder.buildAsync(uri, raw).join();
            return raw;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            } else {
                webSocket.request(1); // the rest of this frame; the test asks for the next one
            }
            return null;
        }

        String next() throws InterruptedException {
            socket.request(1);
            String text = texts.poll(10, TimeUnit.SECONDS);
            assertNotNull(text, "a frame within 10 s");
            return text;
        }

        /** The first frame (already requested on open). */
        String first() throws InterruptedException {
            String text = texts.poll(10, TimeUnit.SECONDS);
            assertNotNull(text, "a frame within 10 s");
            return text;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }
    }

    private static JsonObject parse(String envelope) {
        return Json.createReader(new StringReader(envelope)).readObject();
    }

    /** Authenticates, then sends {@code BURST} numbered messages while the socket is not read; returns the frames read afterwards. */
    private List<String> burstTo(RawSocket raw, Hub hub, String user) throws InterruptedException {
        raw.send("{\"event\":\"authenticate\",\"data\":{\"user\":\"" + user + "\"}}");
        JsonObject connected = parse(raw.first());
        assertEquals("connected", connected.getString("event"));
        String id = connected.getJsonObject("data").getString("id");
        for (int i = 0; i < FILLERS; i++) {
            hub.sendToClient(id, "filler", FILLER);
        }
        for (int i = 0; i < BURST; i++) {
            hub.sendToClient(id, "m", Map.of("n", i, "pad", PAD));
        }
        for (int i = 0; i < FILLERS; i++) {
            assertTrue(raw.next().startsWith("{\"seq\":" + (i + 1) + ",\"event\":\"filler\""), "the fillers come first, alone");
        }
        // barrier: the last message is queued behind everything before it, so reading until it arrives reads all
        List<String> frames = new ArrayList<>();
        int seen = 0;
        while (seen < BURST) {
            String text = raw.next();
            frames.add(text);
            seen += text.split("\n").length;
        }
        assertEquals(BURST, seen, "nothing beyond the burst arrived");
        return frames;
    }

    @Test
    void aBatchingSocketGetsQueuedFramesCoalescedInOrderWithTheirSeqAndWithinTheBound() throws Exception {
        Hub hub = hub();
        try (TestServer server = TestServer.start(hub)) {
            RawSocket raw = RawSocket.open(server.uri(), "switchboard.v1+batch", "switchboard.v1");
            assertEquals("switchboard.v1+batch", raw.socket.getSubprotocol());
            List<String> frames = burstTo(raw, hub, "alice");

            assertTrue(frames.stream().anyMatch(text -> text.contains("\n")), "some frames carried several envelopes");
            assertTrue(frames.size() < BURST, "fewer frames than messages: " + frames.size());
            long previousSeq = 0;
            int n = 0;
            for (String frame : frames) {
                String[] envelopes = frame.split("\n");
                assertTrue(envelopes.length == 1 || frame.getBytes(StandardCharsets.UTF_8).length <= BATCH_BOUND,
                        "a batch stays within " + BATCH_BOUND + " bytes");
                for (String envelope : envelopes) {
                    JsonObject message = parse(envelope);
                    assertEquals("m", message.getString("event"));
                    assertEquals(n++, message.getJsonObject("data").getInt("n"), "in order");
                    long seq = message.getJsonNumber("seq").longValue();
                    assertTrue(seq == previousSeq + 1 || previousSeq == 0, "consecutive seq");
                    previousSeq = seq;
                }
            }
            raw.socket.abort();
        }
    }

    @Test
    void aPlainSocketNeverGetsABatch() throws Exception {
        Hub hub = hub();
        try (TestServer server = TestServer.start(hub)) {
            RawSocket raw = RawSocket.open(server.uri(), "switchboard.v1");
            assertEquals("switchboard.v1", raw.socket.getSubprotocol());
            List<String> frames = burstTo(raw, hub, "bob");
            assertEquals(BURST, frames.size(), "one envelope per frame");
            assertFalse(frames.stream().anyMatch(text -> text.contains("\n")));
            IntStream.range(0, BURST).forEach(i -> assertEquals(i, parse(frames.get(i)).getJsonObject("data").getInt("n")));
            raw.socket.abort();
        }
    }

    @Test
    void theJavaClientOptsInAndSeesEveryMessageOnceInOrderAcrossAResume() throws Exception {
        Hub hub = hub();
        hub.method("echo", ctx -> ctx.payload(Integer.class));
        try (TestServer server = TestServer.start(hub); TcpProxy proxy = new TcpProxy(server.port());
             SwitchboardClient client = SwitchboardClient.builder(proxy.uri("/ws/acme")).requestTimeout(Clients.WAIT)
                     .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(200)).build()) {
            List<Integer> received = new CopyOnWriteArrayList<>();
            List<Integer> resumed = new CopyOnWriteArrayList<>();
            client.on("m", Numbered.class, data -> received.add(data.n()));
            client.onResumed(resumed::add);
            await(client.connect());
            String id = await(client.authenticate(Map.of("user", "carol"))).id();
            assertEquals("switchboard.v1+batch", hub.client(id).orElseThrow().handshake().subprotocol(),
                    "the client offered batching first and the server selected it");

            for (int i = 0; i < BURST; i++) {
                hub.sendToClient(id, "m", Map.of("n", i, "pad", PAD));
            }
            Eventually.until("the first burst", () -> received.size() >= BURST);
            proxy.killAll();
            Eventually.until("suspended", () -> recorder.suspended.size() == 1);
            for (int i = BURST; i < 2 * BURST; i++) {
                hub.sendToClient(id, "m", Map.of("n", i, "pad", PAD)); // kept for replay, sent batched after the resume
            }
            Eventually.until("resumed", () -> resumed.size() == 1);
            assertEquals(BURST, resumed.get(0), "the burst sent while suspended was replayed");
            assertEquals(1, await(client.request("echo", 1, Integer.class)), "barrier: answered after every replayed message");
            assertEquals(IntStream.range(0, 2 * BURST).boxed().toList(), received, "every message once, in order");
        }
    }
}
