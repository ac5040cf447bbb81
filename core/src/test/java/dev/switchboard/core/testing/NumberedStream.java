package dev.switchboard.core.testing;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;

import java.time.Duration;
import java.util.Random;
import java.util.TreeSet;

/**
 * The setting of the 10,000-message resumption tests (raw client and SDK): a hub whose sessions can
 * buffer every message, random points to reset the connection at, and a publisher of the numbered
 * messages 1..{@link #TOTAL} (event {@code n}) to one client.
 */
public final class NumberedStream {

    public static final int TOTAL = 10_000;
    public static final int KILLS = 5;

    private NumberedStream() {
    }

    /** One run's setting: its seed, the kill points it chose, the hub and the hub's recorder. */
    public record Setting(long seed, TreeSet<Integer> killAt, Recorder recorder, Hub hub) {
    }

    /** A fresh setting seeded by the clock (the seed goes into every failure message). */
    public static Setting setting() {
        long seed = System.nanoTime();
        Recorder recorder = new Recorder();
        return new Setting(seed, killPoints(seed), recorder, hub(recorder));
    }

    /** A resumable hub whose replay buffer and queue hold the whole stream. */
    public static Hub hub(Recorder recorder) {
        return Resumes.hub(recorder, Resumption.enabled(Resumes.KEY).ttl(Duration.ofSeconds(30))
                        .bufferSize(TOTAL * 2).bufferBytes(8L * 1024 * 1024))
                .maxQueuedBytes(16L * 1024 * 1024).build();
    }

    /** {@link #KILLS} distinct message numbers, away from both ends, chosen by {@code seed}. */
    public static TreeSet<Integer> killPoints(long seed) {
        Random random = new Random(seed);
        TreeSet<Integer> killAt = new TreeSet<>();
        while (killAt.size() < KILLS) {
            killAt.add(500 + random.nextInt(TOTAL - 1000));
        }
        return killAt;
    }

    /** An unstarted thread sending 1..{@link #TOTAL} to the client, pausing 2 ms every ten messages. */
    public static Thread publisher(Hub hub, String clientId) {
        return new Thread(() -> {
            for (int n = 1; n <= TOTAL; n++) {
                hub.sendToClient(clientId, "n", n);
                if (n % 10 == 0) {
                    try {
                        // Not a barrier: pacing a load generator, so the stream spans the socket kills.
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }, "publisher");
    }
}
