package dev.switchboard.standalone.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code bench <scenario> [options]}, with each scenario's defaults. Immutable.
 *
 * @param clients     connections (fan-out recipients, RPC callers, idle connections)
 * @param messages    fan-out messages per round, or RPC requests per client per round
 * @param rounds      measured rounds
 * @param warmup      rounds run first and not counted
 * @param rate        fan-out messages per second, 0 for "as fast as the server answers" ({@code window} in flight)
 * @param window      fan-out {@code chat:send} requests in flight when {@code rate} is 0
 * @param url         a running Switchboard server to measure instead of starting one, or null
 * @param baselineUrl a running baseline ({@code bench server baseline}) instead of starting one, or null
 * @param secret      the remote server's {@code SWITCHBOARD_AUTH_SECRET} (tokens are signed with it), or null
 * @param serverXmx   {@code -Xmx} of every server the bench starts
 * @param repeat      passes of Switchboard then baseline, alternating, whose measured rounds are pooled
 *                    (drift of the machine between the two sides then averages out)
 * @param socketIo    the directory of the Socket.IO server ({@code benchmarks/socketio}) to measure as a
 *                    third side of fanout or rpc, or null
 */
record BenchOptions(String scenario, int clients, int messages, int rounds, int warmup, int rate, int window,
                    Path out, URI url, URI baselineUrl, String secret, String room, int threads, int connectWindow,
                    String serverXmx, String redisServer, int repeat, Path socketIo) {

    static final Set<String> SCENARIOS = Set.of("fanout", "rpc", "connections", "cluster");

    static final String USAGE = String.join("\n",
            "usage: java -jar switchboard-standalone.jar bench <fanout|rpc|connections|cluster> [options]",
            "       java -jar switchboard-standalone.jar bench server <switchboard|baseline> [--host H] [--port P]",
            "  --clients N        connections (fanout 2000, rpc 100, connections 10000, cluster 1000)",
            "  --messages M       fan-out messages per round / echo requests per client per round (fanout 50, rpc 1000: a JVM is still compiling after 200, cluster 50)",
            "  --rounds R         measured rounds (3; connections 2)",
            "  --warmup W         warm-up rounds before them (2)",
            "  --rate R           fan-out messages per second, 0 = as fast as answered (fanout 0, cluster 5)",
            "  --window W         chat:send requests in flight when --rate is 0 (4)",
            "  --out FILE         write the figures as JSON",
            "  --url WS_URL       measure this running Switchboard server (needs --secret and SWITCHBOARD_ROOMS_ALLOW matching --room)",
            "  --baseline-url U   measure this running baseline (bench server baseline) instead of starting one",
            "  --secret S         the remote server's SWITCHBOARD_AUTH_SECRET (default: that environment variable)",
            "  --room NAME        the room clients join (bench)",
            "  --threads T        loader threads (2)",
            "  --connect-window K handshakes in flight while connecting (200)",
            "  --server-xmx SIZE  -Xmx of the servers the bench starts (512m)",
            "  --redis-server P   redis-server binary for cluster (the one on PATH)",
            "  --repeat N         run Switchboard then the baseline N times, alternating, and pool their rounds (1; not cluster)",
            "  --socketio DIR     also measure the Socket.IO 4.8 server in DIR (benchmarks/socketio after npm ci; fanout and rpc)");

    /** @throws IllegalArgumentException with a message for the user */
    static BenchOptions parse(String[] args) {
        if (args.length == 0 || !SCENARIOS.contains(args[0])) {
            throw new IllegalArgumentException(args.length == 0 ? "no scenario given" : "unknown scenario '" + args[0] + "'");
        }
        String scenario = args[0];
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + name + "'");
            }
            values.put(name.substring(2), args[++i]);
        }
        boolean connections = scenario.equals("connections");
        boolean cluster = scenario.equals("cluster");
        int defaultClients = switch (scenario) {
            case "rpc" -> 100;
            case "cluster" -> 1_000;
            case "connections" -> 10_000;
            default -> 2_000;
        };
        BenchOptions options = new BenchOptions(scenario,
                positive(values, "clients", defaultClients),
                positive(values, "messages", scenario.equals("rpc") ? 1000 : 50),
                positive(values, "rounds", connections ? 2 : 3),
                atLeastZero(values, "warmup", 2),
                atLeastZero(values, "rate", cluster ? 5 : 0),
                positive(values, "window", 4),
                values.containsKey("out") ? Path.of(values.remove("out")) : null,
                uri(values, "url"),
                uri(values, "baseline-url"),
                values.containsKey("secret") ? values.remove("secret") : System.getenv("SWITCHBOARD_AUTH_SECRET"),
                values.getOrDefault("room", "bench"),
                positive(values, "threads", 2),
                positive(values, "connect-window", 200),
                values.getOrDefault("server-xmx", "512m"),
                values.getOrDefault("redis-server", "redis-server"),
                positive(values, "repeat", 1),
                values.containsKey("socketio") ? Path.of(values.remove("socketio")) : null);
        values.keySet().removeAll(Set.of("room", "server-xmx", "redis-server"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
        }
        if (options.url() != null && options.secret() == null) {
            throw new IllegalArgumentException("--url needs --secret (or SWITCHBOARD_AUTH_SECRET): the loader signs the clients' tokens");
        }
        if (cluster && options.repeat() > 1) {
            throw new IllegalArgumentException("--repeat is for fanout, rpc and connections");
        }
        if (options.socketIo() != null && (cluster || connections)) {
            throw new IllegalArgumentException("--socketio is for fanout and rpc");
        }
        if (cluster && options.url() != null) {
            throw new IllegalArgumentException("cluster starts its own two nodes and Redis; --url is for fanout, rpc and connections");
        }
        return options;
    }

    /** The parameters echoed into the JSON. */
    Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("clients", clients);
        params.put("messages", messages);
        params.put("rounds", rounds);
        params.put("warmup", warmup);
        params.put("rate", rate);
        params.put("window", window);
        params.put("room", room);
        params.put("loaderThreads", threads);
        params.put("serverXmx", serverXmx);
        params.put("repeat", repeat);
        params.put("batchOffered", LoadClient.OFFER_BATCH);
        params.put("url", url == null ? "started by the bench" : url.toString());
        params.put("baselineUrl", baselineUrl == null ? "started by the bench" : baselineUrl.toString());
        params.put("socketio", socketIo == null ? "not measured" : socketIo.toString());
        return params;
    }

    private static int positive(Map<String, String> values, String name, int fallback) {
        int value = integer(values, name, fallback);
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1, was " + value);
        }
        return value;
    }

    private static int atLeastZero(Map<String, String> values, String name, int fallback) {
        int value = integer(values, name, fallback);
        if (value < 0) {
            throw new IllegalArgumentException("--" + name + " must not be negative, was " + value);
        }
        return value;
    }

    private static int integer(Map<String, String> values, String name, int fallback) {
        String text = values.remove(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, was '" + text + "'");
        }
    }

    private static URI uri(Map<String, String> values, String name) {
        String text = values.remove(name);
        if (text == null) {
            return null;
        }
        URI uri = URI.create(text);
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--" + name + " must be a ws:// or wss:// URL, was '" + text + "'");
        }
        return uri;
    }
}
