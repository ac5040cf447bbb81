package dev.switchboard.core.testing.redis;

import dev.switchboard.core.testing.Eventually;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} process on a free port for tests: the one on the PATH when there is
 * one, else the Redis 6.2 binary shipped in the embedded-redis jar. It can be stopped and started
 * again on the same port (outage tests) and deletes its temporary directory on {@link #close()}.
 * {@code -Dswitchboard.redis.embedded=true} forces the embedded binary (to check the Redis 6 path).
 * Not thread-safe: drive it from the test thread.
 */
public final class RedisServer implements AutoCloseable {

    private static final Path BINARY = findBinary();

    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private Process process;

    private RedisServer(int port, List<String> extraArgs) throws IOException {
        this.port = port;
        this.extraArgs = extraArgs;
        this.dir = Files.createTempDirectory("switchboard-redis-" + port + "-");
    }

    /** Starts a plain server on a free port. */
    public static RedisServer start() {
        return start(List.of());
    }

    /** Starts a server on a free port with extra {@code redis-server} arguments ({@code --cluster-enabled yes}). */
    public static RedisServer start(List<String> extraArgs) {
        try {
            RedisServer server = new RedisServer(freePort(), extraArgs);
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Major version of the binary in use: 7 from Debian here and in CI, 6 for the embedded fallback. */
    public static int majorVersion() {
        try {
            Process version = new ProcessBuilder(BINARY.toString(), "--version").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes());
            version.waitFor();
            int at = text.indexOf("v=");
            return Integer.parseInt(text.substring(at + 2, text.indexOf('.', at)));
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    public static Path binary() {
        return BINARY;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the server (SIGKILL, like a crash); its port stays reserved for {@link #restart()}. */
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts the server again on the same port, empty (no persistence). */
    public void restart() {
        stop();
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startProcess() throws IOException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--protected-mode", "no"));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        Process started = process;
        try {
            Eventually.until("redis-server accepting on port " + port, () -> {
                if (!started.isAlive()) {
                    throw new AssertionError("redis-server exited");
                }
                return accepts();
            }, Duration.ofSeconds(10));
        } catch (AssertionError e) {
            throw new IllegalStateException("redis-server did not start on port " + port + ": "
                    + Files.readString(dir.resolve("redis.log")), e);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static Path findBinary() {
        if (Boolean.getBoolean("switchboard.redis.embedded")) {
            return extractEmbedded();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return extractEmbedded();
    }

    private static Path extractEmbedded() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String resource = arch.contains("aarch64") || arch.contains("arm64")
                ? "/redis-server-6.2.7-linux-arm64" : "/redis-server-6.2.6-v5-linux-amd64";
        try (InputStream in = RedisServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server on PATH and no embedded binary " + resource);
            }
            Path dir = Files.createTempDirectory("switchboard-redis-bin-");
            dir.toFile().deleteOnExit();
            Path binary = dir.resolve("redis-server");
            binary.toFile().deleteOnExit();
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
            binary.toFile().setExecutable(true);
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
