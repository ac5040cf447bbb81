package dev.switchboard.benchmarks;

import dev.switchboard.api.Envelope;
import dev.switchboard.core.internal.codec.Inbound;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.codec.MalformedMessageException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;


/** Encoding an app event once per fan-out, and decoding a client frame (the inbound parser with its limits). */
@State(Scope.Benchmark)
public class EnvelopeCodecBenchmark extends HotPathBenchmark {

    /** A chat message as the fan-out bench sends it. */
    public record Chat(String room, String text, long sentAt) {
    }

    private final JsonCodec codec = new JsonCodec();
    private final Chat chat = new Chat("bench", "hello, room", 123_456_789L);
    private final String request = "{\"event\":\"request\",\"id\":\"42\",\"method\":\"chat:send\","
            + "\"data\":{\"room\":\"bench\",\"text\":\"hello, room\",\"sentAt\":123456789}}";

    @Benchmark
    public String encodeEnvelope() {
        return codec.encode(Envelope.of("chat:message", chat));
    }

    @Benchmark
    public Object encodeFromDataJson() {
        return codec.frame("chat:message", "{\"room\":\"bench\",\"text\":\"hello, room\",\"sentAt\":123456789}");
    }

    @Benchmark
    public Inbound decodeRequest() throws MalformedMessageException {
        return codec.parse(request);
    }
}
