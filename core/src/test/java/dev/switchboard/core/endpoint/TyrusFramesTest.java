package dev.switchboard.core.endpoint;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames written straight to Tyrus's writer: the header of every length class (RFC 6455 §5.2), and
 * real clients receiving them whole, in order, with text of several UTF-8 widths.
 */
class TyrusFramesTest {

    static TestServer server;
    static Hub hub;

    @BeforeAll
    static void start() {
        // resumable sessions, so room messages are numbered per recipient
        hub = Resumes.hub(new Recorder(), Resumption.enabled(Resumes.KEY)).roomValidator((client, rooms) -> rooms).build();
        server = TestServer.start(hub);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theHeaderCarriesFinTextAndTheLengthInTheSmallestForm() {
        for (int length : new int[]{0, 1, 125, 126, 127, 65_535, 65_536, 70_001}) {
            String text = "x".repeat(length);
            byte[] frame = TyrusFrames.encode(OutboundFrame.of(text));
            assertEquals((byte) 0x81, frame[0], "FIN + opcode 1 (text)");
            int header;
            long announced;
            if (length < 126) {
                header = 2;
                announced = frame[1];
            } else if (length <= 65_535) {
                header = 4;
                assertEquals(126, frame[1]);
                announced = ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
            } else {
                header = 10;
                assertEquals(127, frame[1]);
                announced = 0;
                for (int i = 2; i < 10; i++) {
                    announced = (announced << 8) | (frame[i] & 0xFF);
                }
            }
            assertEquals(0, frame[1] & 0x80, "a server's frames are not masked");
            assertEquals(length, announced, "length " + length);
            assertEquals(header + length, frame.length);
        }
    }

    @Test
    void aNumberedFramesBytesAreItsTextInUtf8() {
        OutboundFrame shared = OutboundFrame.of("{\"event\":\"m\",\"data\":\"é € 𝄞 x\"}");
        for (long seq : new long[]{0, 7, 10, 99, 123_456_789_012L}) {
            OutboundFrame numbered = shared.numbered(seq);
            byte[] expected = numbered.text().getBytes(StandardCharsets.UTF_8);
            assertEquals(expected.length, numbered.utf8Size());
            byte[] written = new byte[expected.length + 3];
            numbered.writeUtf8(written, 3);
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(written, 3, written.length), "seq " + seq);
        }
    }

    @Test
    void clientsReceiveDirectFramesOfEveryLengthClassWholeAndInOrder() {
        WsClient first = WsClient.authenticated(server.uri(), "ann");
        WsClient second = WsClient.authenticated(server.uri(), "bea");
        try {
            TyrusFrames direct = assertInstanceOf(TyrusFrames.class, SessionTransport.directWriter(),
                    "a Tyrus session's frames go to the direct writer");
            assertNotNull(direct.grizzly(), "on Tyrus's Grizzly container, past Tyrus's writer to Grizzly's connection");
            for (WsClient client : List.of(first, second)) {
                client.emit("join", "{\"rooms\":[\"wide\"]}");
                client.await("joined");
            }
            // 2-byte characters push the UTF-8 size across each length boundary while the char count stays below it
            List<String> texts = List.of("", "é", "a".repeat(100), "é".repeat(70), "€".repeat(21_900),
                    "𝄞".repeat(16_400), "z".repeat(70_000));
            for (String text : texts) {
                hub.sendToRoom("wide", "wide", text);
            }
            for (WsClient client : List.of(first, second)) {
                long seq = -1;
                for (String text : texts) {
                    JsonObject frame = client.await("wide");
                    assertEquals(text, frame.getString("data"));
                    long next = frame.getJsonNumber("seq").longValue();
                    assertTrue(seq < 0 || next == seq + 1, "numbered in order: " + seq + " then " + next);
                    seq = next;
                }
            }
            assertEquals(Boolean.TRUE, direct.grizzly().lastPassedThrough(),
                    "Tyrus's Grizzly server has no filter that changes a written buffer: frames go to the transport's queue");
        } finally {
            first.close();
            second.close();
            Eventually.until("both gone", () -> hub.clientCount() == 0);
        }
    }
}
