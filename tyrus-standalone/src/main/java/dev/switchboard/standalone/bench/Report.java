package dev.switchboard.standalone.bench;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The end of a run: a table of every metric for Switchboard, the reference and their ratio (and
 * Socket.IO's, when measured), the JSON file ({@code scenario}, {@code switchboard}, {@code baseline},
 * {@code ratio}, per-metric ratios, the raw per-round figures, and {@code socketio},
 * {@code socketioRatio} and {@code socketioRatios} when measured), and as the very last line
 * {@code ratio vs baseline: X.XX} for the headline metric. Also the progress lines printed while the bench runs. Stateless.
 */
final class Report {

    private Report() {
    }

    /** One progress line, flushed at once. */
    static void progress(String line) {
        System.out.println("  " + line);
        System.out.flush();
    }

    /** How a scenario measures one target: {@code label} names it in progress lines and the report. */
    interface Measure {
        Figures measure(BenchOptions options, String label, Supplier<Target> targets);
    }

    /**
     * Measures Switchboard (one node, default settings), then the raw-Tyrus baseline, then (with
     * {@code --socketio}) the Socket.IO server, one server up at a time, and {@link #finish finishes}
     * the report with their figures.
     */
    static void versusBaseline(PrintStream console, String scenario, BenchOptions options, List<Metric> metrics,
                               Metric headline, Measure measure) throws IOException {
        Figures switchboard = new Figures("switchboard");
        Figures baseline = new Figures("baseline");
        Figures socketIo = options.socketIo() == null ? null : new Figures("socket.io");
        for (int pass = 1; pass <= options.repeat(); pass++) {
            if (options.repeat() > 1) {
                progress(Rounds.format("pass %d/%d", pass, options.repeat()));
            }
            switchboard.absorb(measure.measure(options, "switchboard",
                    () -> Target.switchboard(options, "switchboard", 1, Map.of())));
            baseline.absorb(measure.measure(options, "baseline", () -> Target.baseline(options)));
            if (socketIo != null) {
                socketIo.absorb(measure.measure(options, "socket.io", () -> Target.socketIo(options)));
            }
        }
        finish(console, scenario, options.params(), metrics, headline, switchboard, baseline, socketIo, options.out());
    }

    /**
     * Prints the table, writes {@code out} (if not null) and ends with the headline ratio line; a
     * {@code third} side (Socket.IO, or null) gets its own columns and the line before it.
     */
    static void finish(PrintStream console, String scenario, Map<String, Object> params, List<Metric> metrics,
                       Metric headline, Figures switchboard, Figures baseline, Figures third, Path out) throws IOException {
        console.println();
        console.printf(Locale.ROOT, "%-34s %16s %16s %8s%s%n", scenario, switchboard.name, baseline.name, "ratio",
                third == null ? "" : String.format(Locale.ROOT, " %16s %8s", third.name, "ratio"));
        for (Metric metric : metrics) {
            double left = switchboard.value(metric);
            double right = baseline.value(metric);
            console.printf(Locale.ROOT, "%-34s %16s %16s %8s%s%n", metric.label() + " (" + metric.unit() + ")",
                    number(left), number(right), number(metric.ratio(left, right)), third == null ? ""
                            : String.format(Locale.ROOT, " %16s %8s", number(third.value(metric)), number(metric.ratio(left, third.value(metric)))));
        }
        console.println("(ratio above 1 means Switchboard is ahead: throughput switchboard/" + baseline.name
                + ", latency and cost " + baseline.name + "/switchboard; medians of measured rounds, max is the max)");
        double ratio = headline.ratio(switchboard.value(headline), baseline.value(headline));
        if (out != null) {
            writeJson(out, scenario, params, metrics, headline, switchboard, baseline, third, ratio);
            console.println("JSON written to " + out);
        }
        if (third != null) {
            console.printf(Locale.ROOT, "ratio vs %s: %.2f%n", third.name, headline.ratio(switchboard.value(headline), third.value(headline)));
        }
        console.printf(Locale.ROOT, "ratio vs baseline: %.2f%n", ratio);
        console.flush();
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        return String.format(Locale.ROOT, magnitude >= 1000 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f", value);
    }

    private static void writeJson(Path out, String scenario, Map<String, Object> params, List<Metric> metrics,
                                  Metric headline, Figures switchboard, Figures baseline, Figures third, double ratio)
            throws IOException {
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             JsonGenerator json = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createGenerator(writer)) {
            json.writeStartObject().write("scenario", scenario);
            json.writeStartObject("params");
            params.forEach((key, value) -> write(json, key, value));
            json.writeEnd();
            json.writeStartObject("machine")
                    .write("cpus", Runtime.getRuntime().availableProcessors())
                    .write("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"))
                    .write("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                    .writeEnd();
            json.write("headline", headline.key()).write("baselineKind", baseline.name);
            figures(json, "switchboard", metrics, switchboard);
            figures(json, "baseline", metrics, baseline);
            write(json, "ratio", ratio);
            json.writeStartObject("ratios");
            for (Metric metric : metrics) {
                write(json, metric.key(), metric.ratio(switchboard.value(metric), baseline.value(metric)));
            }
            json.writeEnd();
            if (third != null) {
                figures(json, "socketio", metrics, third);
                write(json, "socketioRatio", headline.ratio(switchboard.value(headline), third.value(headline)));
                json.writeStartObject("socketioRatios");
                for (Metric metric : metrics) {
                    write(json, metric.key(), metric.ratio(switchboard.value(metric), third.value(metric)));
                }
                json.writeEnd();
            }
            json.writeEnd();
        }
    }

    private static void figures(JsonGenerator json, String name, List<Metric> metrics, Figures figures) {
        json.writeStartObject(name).write("server", figures.name);
        for (Metric metric : metrics) {
            write(json, metric.key(), figures.value(metric));
        }
        figures.facts().forEach((key, value) -> write(json, key, value));
        json.writeStartArray("rounds");
        for (Map<String, Double> round : figures.rounds()) {
            json.writeStartObject();
            for (Metric metric : metrics) {
                if (round.containsKey(metric.key())) {
                    write(json, metric.key(), round.get(metric.key()));
                }
            }
            json.writeEnd();
        }
        json.writeEnd().writeEnd();
    }

    private static void write(JsonGenerator json, String key, Object value) {
        if (value instanceof Double number && !Double.isFinite(number)) {
            json.writeNull(key);
        } else if (value instanceof Double || value instanceof Float) {
            json.write(key, ((Number) value).doubleValue());
        } else if (value instanceof Number number) {
            json.write(key, number.longValue());
        } else if (value instanceof Boolean flag) {
            json.write(key, flag);
        } else if (value == null) {
            json.writeNull(key);
        } else {
            json.write(key, value.toString());
        }
    }
}
