package dev.switchboard.standalone.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * A scenario measured on Switchboard and then on the raw-Tyrus baseline: its name, its table of
 * metrics, the headline metric of the ratio line, and how one target is measured. Immutable.
 */
record Versus(String name, List<Metric> metrics, Metric headline, Report.Measure measure) {

    /** Runs both sides and prints and writes the report ({@link Report#versusBaseline}). */
    void run(BenchOptions options, PrintStream console) throws IOException {
        Report.versusBaseline(console, name, options, metrics, headline, measure);
    }
}
