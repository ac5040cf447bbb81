package dev.switchboard.standalone.bench;

import dev.switchboard.core.auth.JwtAuthenticator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One server under test, started by the bench as child JVMs or reached at a URL: where clients
 * connect (client {@code i} to {@code uris[i % size]}), the {@code authenticate} frame of each
 * client (tokens signed in advance, so signing is not part of a ramp), and the server CPU so far.
 * Created and closed by the scenario thread.
 */
final class Target implements AutoCloseable {

    final String name;
    final List<URI> uris;
    private final List<ServerProcess> processes;
    private final String[] authFrames;
    private final boolean socketIo;

    private Target(String name, List<URI> uris, List<ServerProcess> processes, String[] authFrames) {
        this(name, uris, processes, authFrames, false);
    }

    private Target(String name, List<URI> uris, List<ServerProcess> processes, String[] authFrames, boolean socketIo) {
        this.name = name;
        this.uris = List.copyOf(uris);
        this.processes = List.copyOf(processes);
        this.authFrames = authFrames;
        this.socketIo = socketIo;
    }

    /**
     * Switchboard: at {@code --url}, or {@code nodes} standalone servers started here with a fresh
     * secret, {@code --room} allowed, heartbeat and auth timeouts longer than any round or ramp, a message rate no round reaches, and
     * {@code env} (Redis).
     */
    static Target switchboard(BenchOptions options, String name, int nodes, Map<String, String> env) {
        if (options.url() != null) {
            return new Target(name, List.of(options.url()), List.of(), tokens(options, options.secret()));
        }
        String secret = JwtAuthenticator.generateSecret();
        Map<String, String> settings = new HashMap<>(env);
        settings.put("SWITCHBOARD_HOST", "127.0.0.1");
        settings.put("SWITCHBOARD_PORT", "0");
        settings.put("SWITCHBOARD_AUTH_SECRET", secret);
        settings.put("SWITCHBOARD_ROOMS_ALLOW", java.util.regex.Pattern.quote(options.room()));
        settings.put("SWITCHBOARD_HEARTBEAT_TIMEOUT_MS", Long.toString(Duration.ofMinutes(30).toMillis()));
        // a ramp of thousands of handshakes on a busy machine must not trip the 5 s default
        settings.put("SWITCHBOARD_AUTH_TIMEOUT_MS", Long.toString(Duration.ofMinutes(1).toMillis()));
        // the baseline limits nothing: the token bucket stays in the path (its cost counts) but never refuses
        settings.put("SWITCHBOARD_MESSAGE_RATE", "1000000");
        settings.put("SWITCHBOARD_MESSAGE_BURST", "1000000");
        // the demo page's "drop connection" tool is the demo's, not the library's: off, as in a real deployment
        settings.put("SWITCHBOARD_DEMO_DROP", "false");
        List<ServerProcess> started = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                started.add(ServerProcess.start(nodes == 1 ? name : name + "-node" + (i + 1), "switchboard", settings, jvmArgs(options)));
            }
        } catch (RuntimeException e) {
            started.forEach(ServerProcess::close);
            throw e;
        }
        return new Target(name, started.stream().map(ServerProcess::uri).toList(), started, tokens(options, secret));
    }

    /** The raw-Tyrus baseline: at {@code --baseline-url}, or started here. Its tokens are never checked. */
    static Target baseline(BenchOptions options) {
        String[] frames = new String[options.clients()];
        java.util.Arrays.fill(frames, Frames.authenticate("unchecked"));
        if (options.baselineUrl() != null) {
            return new Target("baseline", List.of(options.baselineUrl()), List.of(), frames);
        }
        ServerProcess process = ServerProcess.start("baseline", "baseline", Map.of(), jvmArgs(options));
        return new Target("baseline", List.of(process.uri()), List.of(process), frames);
    }

    /**
     * The Socket.IO server of {@code --socketio DIR} ({@code DIR/server.js} on Node, with its
     * {@code node_modules}), started here. Its tokens are never checked.
     */
    static Target socketIo(BenchOptions options) {
        String[] frames = new String[options.clients()];
        java.util.Arrays.fill(frames, Frames.authenticate("unchecked"));
        ServerProcess process = ServerProcess.startNode("socket.io", options.socketIo());
        return new Target("socket.io", List.of(process.uri()), List.of(process), frames, true);
    }

    /**
     * The servers' JVM options: the heap, then what {@code -Dbench.serverJvmArgs="..."} adds (split on
     * spaces; e.g. {@code -XX:StartFlightRecording=filename=server.jfr} to profile a run).
     */
    private static List<String> jvmArgs(BenchOptions options) {
        List<String> args = new ArrayList<>(List.of("-Xmx" + options.serverXmx(), "-Xms" + options.serverXmx()));
        String extra = System.getProperty("bench.serverJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            args.addAll(List.of(extra.split("\\s+")));
        }
        return args;
    }

    private static String[] tokens(BenchOptions options, String secret) {
        JwtAuthenticator signer = new JwtAuthenticator(secret);
        String[] frames = new String[options.clients()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Frames.authenticate(signer.issue("bench-" + i, Map.of(), Duration.ofHours(12)));
        }
        return frames;
    }

    String authFrame(int client) {
        return authFrames[client];
    }

    /** Whether the server speaks Socket.IO rather than Switchboard's frames. */
    boolean socketIo() {
        return socketIo;
    }

    /** Whether the bench started the servers (and so can read their CPU and heap). */
    boolean local() {
        return !processes.isEmpty();
    }

    List<ServerProcess> processes() {
        return processes;
    }

    /** Total CPU of this target's server JVMs so far in nanoseconds; NaN for a remote server. */
    double cpuNanos() {
        return local() ? processes.stream().mapToLong(ServerProcess::cpuNanos).sum() : Double.NaN;
    }

    @Override
    public void close() {
        processes.forEach(ServerProcess::close);
    }
}
