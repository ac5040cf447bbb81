package dev.switchboard.core.internal.connection;

import dev.switchboard.benchmarks.HotPathBenchmark;
import dev.switchboard.api.OverflowPolicy;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.session.ReplayBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-recipient part of a fan-out: numbering a shared frame ({@code seq} splice), appending it to
 * the session's replay buffer, queuing it on the socket's outbound queue, and the writer taking a
 * coalesced batch. Lives in the connection package to reach the package-private queue. Results are
 * per operation (one recipient, or one batch).
 */
@State(Scope.Thread)
public class FanoutBenchmark extends HotPathBenchmark {

    /** A sent frame completes at once, as a socket with room in its buffer does. */
    private static final Transport INLINE = new Transport() {
        @Override
        public void sendText(String text, Completion completion) {
            completion.done(null);
        }

        @Override
        public void close(int code, String reason) {
        }
    };

    @Param({"8"})
    public int batch;

    private final OutboundFrame shared = OutboundFrame.of(
            "{\"event\":\"chat:message\",\"data\":{\"room\":\"bench\",\"text\":\"hello, room\",\"sentAt\":123456789}}");
    private ReplayBuffer buffer;
    private OutboundQueue plain;
    private long seq;
    private final List<OutboundFrame> numbered = new ArrayList<>();

    @Setup(Level.Iteration)
    public void setUp() {
        buffer = new ReplayBuffer(100, 1 << 20);
        plain = new OutboundQueue(INLINE, 1 << 20, OverflowPolicy.CLOSE, () -> { }, () -> { }, failure -> { },
                OutboundFrame::text, FrameBatcher.SINGLE);
        numbered.clear();
        for (int i = 0; i < batch; i++) {
            numbered.add(shared.numbered(1_000_000 + i));
        }
    }

    /** The splice as it was: a prefix string, a substring copy and their concatenation, per recipient. */
    @Benchmark
    public String seqSpliceEager() {
        String prefix = "{\"seq\":" + (++seq) + ",";
        return prefix + shared.text().substring(1);
    }

    /** The splice now, for a plain socket: one concatenation with the shared tail, built when written. */
    @Benchmark
    public String seqSpliceLazy() {
        return shared.numbered(++seq).text();
    }

    @Benchmark
    public long replayAppend() {
        return buffer.append(shared);
    }

    /** What {@code Connection.deliver} does per recipient: append, number, queue, write (inline completion). */
    @Benchmark
    public OutboundQueue.Offer deliverPlain() {
        long next = buffer.append(shared);
        return plain.offer(shared.numbered(next));
    }

    /** The writer of a batching socket taking {@code batch} numbered frames as one text. */
    @Benchmark
    public void coalesce(Blackhole hole) {
        ArrayDeque<OutboundFrame> queued = new ArrayDeque<>(numbered);
        hole.consume(Coalescer.DEFAULT.take(queued).text());
    }

    /** The same frames built one by one, as a plain socket's writer does. */
    @Benchmark
    public void oneByOne(Blackhole hole) {
        for (OutboundFrame frame : numbered) {
            hole.consume(frame.text());
        }
    }
}
