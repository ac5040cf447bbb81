package dev.switchboard.api.encryption;

import java.util.List;

/** The plaintext envelopes and counters the known-answer vectors seal, per direction. */
final class VectorFrames {

    record Frame(Direction direction, long counter, String plaintext) {
    }

    static final List<Frame> FRAMES = List.of(
            new Frame(Direction.SERVER_TO_CLIENT, 1, "{\"event\":\"joined\",\"data\":{\"rooms\":[\"lobby\"]}}"),
            new Frame(Direction.SERVER_TO_CLIENT, 2,
                    "{\"event\":\"chat\",\"seq\":1,\"data\":{\"from\":\"bob\",\"text\":\"h\u00e9llo \u2713 \uD83D\uDE80\"}}"),
            new Frame(Direction.SERVER_TO_CLIENT, 3, "{\"event\":\"response\",\"id\":\"r1\",\"data\":{\"echo\":\"ping\"}}"),
            new Frame(Direction.SERVER_TO_CLIENT, 4_294_967_297L,
                    "{\"event\":\"chat\",\"seq\":4294967297,\"data\":{\"text\":\"after a long session\"}}"),
            new Frame(Direction.CLIENT_TO_SERVER, 1, "{\"event\":\"join\",\"data\":{\"rooms\":[\"lobby\"]}}"),
            new Frame(Direction.CLIENT_TO_SERVER, 2, "{\"event\":\"request\",\"id\":\"r1\",\"method\":\"echo\",\"data\":\"ping\"}"),
            new Frame(Direction.CLIENT_TO_SERVER, 3, "{\"event\":\"chat\",\"data\":{\"text\":\"\\\"quoted\\\" \\\\ \u00fcml\u00e4ut\"}}"),
            new Frame(Direction.CLIENT_TO_SERVER, 9_007_199_254_740_991L, "{\"event\":\"chat\",\"data\":{\"text\":\"2^53-1\"}}"));

    /** The wire name of a direction in the vectors file. */
    static String name(Direction direction) {
        return direction == Direction.SERVER_TO_CLIENT ? "server-to-client" : "client-to-server";
    }

    /** A fresh channel of {@code role} that seals next with {@code counter} and accepts {@code counter} next. */
    static SecureChannel at(Role role, SessionKeys keys, long counter) {
        return SecureChannel.restore(role, new ChannelSnapshot(keys, counter - 1, counter - 1));
    }

    static Role sender(Direction direction) {
        return direction == Direction.SERVER_TO_CLIENT ? Role.SERVER : Role.CLIENT;
    }

    private VectorFrames() {
    }
}
