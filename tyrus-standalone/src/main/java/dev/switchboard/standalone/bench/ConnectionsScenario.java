package dev.switchboard.standalone.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code bench connections}: each round ramps to N idle connections that authenticated and joined
 * the room, then closes them all. Heap per connection (the headline) is the server's used heap after
 * a full GC with the N connections open minus the same before the ramp (both once the heap settled, and once the previous round's
 * sockets are gone), divided by N; ramp time runs
 * from the first handshake to the last {@code joined}. The baseline's connections are "open only":
 * it answers {@code authenticate} and {@code join} without checking. Stateless.
 */
final class ConnectionsScenario {

    static final Metric HEAP = Metric.cost("heapPerConnectionKB", "heap per idle connection", "KB");
    static final Metric RAMP = Metric.cost("rampSeconds", "ramp time to N connections", "s");
    static final Metric RATE = Metric.throughput("connectionsPerSec", "connections opened", "1/s");
    static final Metric CPU = Metric.cost("cpuPerConnectionUs", "server CPU per connection", "us");
    static final Versus VERSUS = new Versus("connections", List.of(HEAP, RAMP, RATE, CPU), HEAP,
            ConnectionsScenario::measure);

    private ConnectionsScenario() {
    }

    /** How many of the clients closed, by close code (-1: failed), for a failure message. */
    private static Map<Integer, Long> closeCodes(List<LoadClient> clients) {
        return clients.stream().map(LoadClient::closed).filter(java.util.concurrent.CompletableFuture::isDone)
                .collect(java.util.stream.Collectors.groupingBy(java.util.concurrent.CompletableFuture::join,
                        java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    private static Figures measure(BenchOptions options, String label, Supplier<Target> targets) {
        Figures figures = new Figures(label);
        Report.progress(label + ": starting");
        int count = options.clients();
        try (Target target = targets.get(); Loader loader = new Loader(options.threads(), options.connectWindow())) {
            ServerProcess server = target.local() ? target.processes().get(0) : null;
            int idleSockets = server == null ? -1 : server.sockets();
            for (int round = 0; round < Rounds.total(options); round++) {
                double heapBefore = server == null ? Double.NaN : server.settledHeap();
                if (server != null) {
                    histogram(server, label + "-before", round);
                }
                double cpuBefore = target.cpuNanos();
                long start = System.nanoTime();
                List<LoadClient> clients = loader.connect(label, target, count, options.room());
                long ramp = System.nanoTime() - start;
                double cpu = target.cpuNanos() - cpuBefore;
                double heapAfter = Double.NaN;
                try {
                    if (server != null) {
                        try {
                            server.awaitConnections(count, 60);
                        } catch (BenchFailure e) {
                            throw new BenchFailure(e.getMessage() + "; the loader saw these closes: " + closeCodes(clients), e);
                        }
                        heapAfter = server.settledHeap();
                        histogram(server, label, round);
                    }
                    Barrier.roundTrip(label, clients);
                } finally {
                    Loader.closeAll(clients);
                }
                if (server != null) {
                    server.awaitConnections(0, 120);
                    // the next round's "before" must not hold this round's sockets still closing
                    if (!server.awaitSockets(idleSockets + 2, 120)) {
                        Report.progress(label + ": sockets of the closed connections still open after 120 s");
                    }
                }
                Map<String, Double> values = new LinkedHashMap<>();
                values.put(HEAP.key(), (heapAfter - heapBefore) / count / 1024);
                values.put(RAMP.key(), ramp / 1e9);
                values.put(RATE.key(), count * 1e9 / ramp);
                values.put(CPU.key(), cpu / count / 1e3);
                Report.progress(Rounds.format("%s: %s: %d connections authenticated and joined in %.2f s, heap %.2f KB each, CPU %.0f us each",
                        label, Rounds.label(round, options), count, ramp / 1e9, values.get(HEAP.key()), values.get(CPU.key())));
                if (Rounds.measured(round, options)) {
                    figures.addRound(values);
                }
            }
        }
        figures.fact("verified", true);
        figures.fact("connections", count);
        return figures;
    }

    /**
     * With {@code -Dbench.histogramDir=DIR}, the server's class histogram with every connection open
     * ({@code jcmd PID GC.class_histogram}) goes to {@code DIR/<label>-round<N>.txt} (and before the ramp to {@code <label>-before-round<N>.txt}): where the heap
     * per connection goes, class by class, for comparing the two servers. With {@code -Dbench.heapDumps=true} as well, a heap
     * dump of the live objects goes next to it ({@code <label>-round<N>.hprof}, not before the ramp), for finding who holds them.
     */
    private static void histogram(ServerProcess server, String label, int round) {
        String dir = System.getProperty("bench.histogramDir");
        if (dir == null) {
            return;
        }
        Path file = Path.of(dir, label + "-round" + (round + 1) + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(server.pid()), "GC.class_histogram").redirectOutput(file.toFile())
                    .redirectErrorStream(true).start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
            }
            if (Boolean.getBoolean("bench.heapDumps") && !label.endsWith("-before")) {
                Path dump = Path.of(dir, label + "-round" + (round + 1) + ".hprof").toAbsolutePath();
                Files.deleteIfExists(dump);
                Process dumper = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(server.pid()), "GC.heap_dump", dump.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!dumper.waitFor(120, TimeUnit.SECONDS)) {
                    dumper.destroyForcibly();
                }
            }
        } catch (IOException e) {
            Report.progress(label + ": no class histogram: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
