package dev.switchboard.standalone.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throwaway {@code redis-server} child on a free loopback port for the {@code cluster} scenario
 * (no persistence, its own temporary directory, deleted on close), started like the core tests'
 * harness starts theirs. Its CPU is read from {@code /proc/PID/stat} where there is one.
 * Owned by the scenario thread.
 */
record RedisProcess(Process process, Path dir, int port) implements AutoCloseable {

    static RedisProcess start(String binary) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path dir = Files.createTempDirectory("switchboard-bench-redis-");
            Process process = new ProcessBuilder(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            RedisProcess redis = new RedisProcess(process, dir, port);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!redis.accepts()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String log = Files.readString(dir.resolve("redis.log"));
                    redis.close();
                    throw new BenchFailure("redis-server did not start on port " + port + ": " + log);
                }
                Thread.sleep(10);
            }
            return redis;
        } catch (IOException e) {
            throw new BenchFailure("cannot run '" + binary + "' (install redis-server or pass --redis-server PATH): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Redis's CPU time so far in nanoseconds (utime + stime at 100 ticks/s); NaN without {@code /proc}. */
    double cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime and stime are fields 14 and 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private boolean accepts() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
