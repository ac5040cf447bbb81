package dev.switchboard.core.internal.session;

import dev.switchboard.core.internal.codec.OutboundFrame;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReplayBufferTest {

    private static OutboundFrame frame(int n) {
        return OutboundFrame.of("{\"event\":\"n\",\"data\":" + n + "}");
    }

    private static List<String> texts(List<OutboundFrame> frames) {
        return frames.stream().map(OutboundFrame::text).toList();
    }

    @Test
    void numbersFromOneAndSplicesSeqAfterTheOpeningBrace() {
        ReplayBuffer buffer = new ReplayBuffer(10, 1 << 20);
        assertEquals(0, buffer.lastSeq());
        assertEquals(1, buffer.append(frame(7)));
        assertEquals(2, buffer.append(frame(8)));
        List<OutboundFrame> all = buffer.after(0);
        assertEquals(List.of("{\"seq\":1,\"event\":\"n\",\"data\":7}", "{\"seq\":2,\"event\":\"n\",\"data\":8}"), texts(all));
        assertEquals(all.get(0).text().length(), all.get(0).bytes());
        assertEquals(texts(all.subList(1, 2)), texts(buffer.after(1)));
        assertEquals(List.of(), buffer.after(2), "nothing missed");
        assertNull(buffer.after(3), "a seq never given out");
    }

    @Test
    void evictsByCountAndReportsAGap() {
        ReplayBuffer buffer = new ReplayBuffer(3, 1 << 20);
        for (int n = 1; n <= 10; n++) {
            buffer.append(frame(n));
        }
        assertEquals(3, buffer.size());
        assertEquals(8, buffer.firstSeq());
        assertNull(buffer.after(6), "seq 7 is gone");
        assertEquals(3, buffer.after(7).size());
        assertEquals("{\"seq\":8,\"event\":\"n\",\"data\":8}", buffer.after(7).get(0).text());
    }

    @Test
    void evictsByBytesCountingTheSplicedSeq() {
        int one = ReplayBuffer.numbered(frame(1), 1).bytes();
        ReplayBuffer buffer = new ReplayBuffer(100, 2L * one);
        buffer.append(frame(1));
        buffer.append(frame(2));
        assertEquals(2, buffer.size());
        assertEquals(2L * one, buffer.bytes());
        buffer.append(frame(3));
        assertEquals(2, buffer.size());
        assertEquals(2, buffer.firstSeq());
    }

    @Test
    void aFrameLargerThanTheWholeBufferLeavesItEmptyAndMarksTheGap() {
        ReplayBuffer buffer = new ReplayBuffer(100, 40);
        buffer.append(frame(1));
        buffer.append(OutboundFrame.of("{\"event\":\"big\",\"data\":\"" + "x".repeat(100) + "\"}"));
        assertEquals(0, buffer.size());
        assertEquals(0, buffer.bytes());
        assertEquals(3, buffer.firstSeq());
        assertNull(buffer.after(1), "the big frame cannot be replayed");
        assertEquals(List.of(), buffer.after(2));
    }
}
