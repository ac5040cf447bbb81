package dev.switchboard.standalone.bench;

import java.util.Locale;

/** Names rounds for progress lines: warm-ups first, then measured rounds. Stateless. */
final class Rounds {

    private Rounds() {
    }

    static int total(BenchOptions options) {
        return options.warmup() + options.rounds();
    }

    static boolean measured(int round, BenchOptions options) {
        return round >= options.warmup();
    }

    static String label(int round, BenchOptions options) {
        return measured(round, options)
                ? "round " + (round - options.warmup() + 1) + "/" + options.rounds()
                : "warm-up " + (round + 1) + "/" + options.warmup();
    }

    static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
