package dev.switchboard.conformance.servers;

import dev.switchboard.core.testing.Eventually;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * An application server in a process of its own (or a launcher script and the JVM it starts), its
 * output in {@code target/<name>.log}, ready once a URL answers 200. Used by one test class's thread.
 */
record ContainerProcess(Process process, int port, Path log) {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Deletes what a previous run left in {@code dir} (servers redeploy what they find there) and recreates it. */
    static Path emptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    static ContainerProcess start(String name, List<String> command, Map<String, String> env, int port, URI ready)
            throws IOException, InterruptedException {
        Path log = Path.of("target", name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        ContainerProcess container = new ContainerProcess(builder.start(), port, log);
        container.awaitReady(ready);
        return container;
    }

    private void awaitReady(URI ready) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            Eventually.until("ready at " + ready, () -> answers(http, ready), READY_TIMEOUT, Duration.ofMillis(250));
        } catch (AssertionError notReady) {
            kill();
            throw new IllegalStateException("not ready within " + READY_TIMEOUT + " at " + ready + ":\n" + tail(), notReady);
        }
    }

    /** Whether {@code ready} answers 200; fails at once if the server process has exited. */
    private boolean answers(HttpClient http, URI ready) {
        try {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + tail());
            }
            return http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * SIGTERM to the server's JVM (the process, or the JVMs a launcher script started), then waits
     * for it to end and removes what is left: WildFly's launcher spins on {@code wait} for half a
     * minute after its JVM has gone. Kills everything after a minute.
     */
    void terminate() throws InterruptedException {
        List<ProcessHandle> servers = process.descendants().toList();
        if (servers.isEmpty()) {
            servers = List.of(process.toHandle());
        }
        servers.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(servers.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException stillRunning) {
            // killed below
        }
        kill();
    }

    /** Kills the process and every process it started (a launcher script's JVM). */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
