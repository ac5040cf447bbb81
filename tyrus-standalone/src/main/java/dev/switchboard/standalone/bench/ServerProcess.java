package dev.switchboard.standalone.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BenchServerMain} child JVM on the loader's classpath (or the Node Socket.IO server), driven over its stdin/stdout: the
 * loader reads the server's own process CPU and post-GC heap from it, so the loader's work is never
 * counted. Its log (stderr) goes to a file that a failure message names. Used by one scenario thread
 * at a time ({@link #command} is synchronized anyway).
 */
final class ServerProcess implements AutoCloseable {

    /** How long the child may take to start or to answer one command (a full GC of a big heap included). */
    private static final int ANSWER_SECONDS = 60;

    private final String label;
    private final Process process;
    private final PrintStream commands;
    private final BufferedReader answers;
    private final Path log;
    private final URI uri;

    private ServerProcess(String label, Process process, Path log) throws IOException {
        this.label = label;
        this.process = process;
        this.log = log;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = readLine(ANSWER_SECONDS);
        if (ready == null || !ready.startsWith("READY ")) {
            process.destroyForcibly();
            throw new BenchFailure(label + " server did not start (" + ready + "); log " + log + ":\n" + tail());
        }
        this.uri = URI.create(ready.substring("READY ".length()).trim());
    }

    /**
     * Starts {@code kind} ({@code switchboard} or {@code baseline}) with a clean {@code SWITCHBOARD_*}
     * environment plus {@code env}, and {@code jvmArgs} (e.g. {@code -Xmx512m}).
     */
    static ServerProcess start(String label, String kind, Map<String, String> env, List<String> jvmArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServerMain.class.getName(), kind, "--controlled"));
        return launch(label, new ProcessBuilder(command), env);
    }

    /**
     * Starts {@code node server.js} in {@code directory} (the bench's Socket.IO server, which answers the
     * same stdin commands but {@code heap}).
     */
    static ServerProcess startNode(String label, Path directory) {
        if (!Files.isRegularFile(directory.resolve("server.js")) || !Files.isDirectory(directory.resolve("node_modules/socket.io"))) {
            throw new BenchFailure(directory + " needs server.js and node_modules/socket.io: run npm ci --prefix " + directory);
        }
        return launch(label, new ProcessBuilder("node", "server.js").directory(directory.toFile()), Map.of());
    }

    private static ServerProcess launch(String label, ProcessBuilder builder, Map<String, String> env) {
        try {
            Path log = Files.createTempFile("switchboard-bench-" + label.replaceAll("[^A-Za-z0-9-]", "_") + "-", ".log");
            builder.redirectError(log.toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("SWITCHBOARD_"));
            builder.environment().putAll(env);
            return new ServerProcess(label, builder.start(), log);
        } catch (IOException e) {
            throw new BenchFailure("could not start the " + label + " server: " + e.getMessage(), e);
        }
    }

    URI uri() {
        return uri;
    }

    long pid() {
        return process.pid();
    }

    /** The server JVM's CPU time so far, in nanoseconds. */
    long cpuNanos() {
        return Long.parseLong(command("cpu"));
    }

    /** The server's used heap after a full GC, in bytes. */
    long heapAfterGc() {
        return Long.parseLong(command("heap"));
    }

    /** Connections the server holds (Switchboard: authenticated clients; baseline: open sessions). */
    int connections() {
        return Integer.parseInt(command("count"));
    }

    /** The cluster bus counters (published, dropped, pending, received, reconnects), for failure messages. */
    String busStats() {
        return command("bus");
    }

    /**
     * The used heap after a full GC once it has settled: read again every half second until it drops
     * by less than 1 MiB (or 20 s passed). A container lets go of closed connections' objects a
     * little after their sockets close (the baseline's Grizzly once still held 6,051 of them a round
     * later), and those would count against the next ramp.
     */
    long settledHeap() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = heapAfterGc();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailure("interrupted");
            }
            long now = heapAfterGc();
            if (last - now < 1024 * 1024) {
                return Math.min(last, now);
            }
            last = now;
        }
        return last;
    }

    /** Open socket descriptors of the server process (listeners included), or -1 where that cannot be read. */
    int sockets() {
        return Integer.parseInt(command("sockets"));
    }

    /**
     * Waits until the server holds at most {@code max} open sockets: after the clients closed, the
     * container may still be tearing TCP connections down, and their buffers would count as heap
     * "before" the next ramp. Gives up quietly after {@code seconds} (the round then says so).
     *
     * @return whether it got there
     */
    boolean awaitSockets(int max, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            int open = sockets();
            if (open < 0 || open <= max) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailure("interrupted");
            }
        }
    }

    /** Asks until the server holds {@code expected} connections, or fails after {@code seconds}. */
    void awaitConnections(int expected, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int seen;
        while ((seen = connections()) != expected) {
            if (System.nanoTime() > deadline) {
                throw new BenchFailure(label + " server holds " + seen + " connections, expected " + expected
                        + "; log " + log + ":\n" + tail());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailure("interrupted");
            }
        }
    }

    private synchronized String command(String name) {
        commands.println(name);
        String answer = readLine(ANSWER_SECONDS);
        if (answer == null || answer.startsWith("ERR")) {
            throw new BenchFailure(label + " server did not answer '" + name + "' (" + answer + "); log " + log + ":\n" + tail());
        }
        return answer.trim();
    }

    private String readLine(int seconds) {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return answers.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            return line.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server (stdin closed, then killed if it lingers) and deletes its log. */
    @Override
    public void close() {
        commands.close();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // the log stays behind
        }
    }
}
