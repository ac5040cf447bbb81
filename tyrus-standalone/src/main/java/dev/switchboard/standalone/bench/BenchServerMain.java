package dev.switchboard.standalone.bench;

import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.hub.HubConfig;
import dev.switchboard.standalone.PlainTyrusServer;
import dev.switchboard.standalone.StandaloneConfig;
import dev.switchboard.standalone.StandaloneServer;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A server under test in its own JVM, so its CPU and heap are its own: {@code switchboard} (the
 * standalone server, configured by {@code SWITCHBOARD_*} like {@code Main}) or {@code baseline}
 * (the {@link BaselineEndpoint} on the same Tyrus/Grizzly setup). Prints {@code READY <ws-uri>}.
 *
 * <p>With {@code --controlled} (how {@link ServerProcess} starts it) it answers one command per
 * stdin line on stdout and stops when stdin closes: {@code cpu} (process CPU nanoseconds, from
 * {@code OperatingSystemMXBean#getProcessCpuTime}), {@code heap} (used heap bytes after two
 * {@code System.gc()}), {@code count} (open connections: Switchboard's authenticated clients, the
 * baseline's sessions), {@code bus} (Switchboard's cluster bus counters), {@code sockets} (open socket descriptors, -1 without /proc). Without it, it runs until SIGTERM, for a loader on another machine
 * ({@code bench server baseline --port 9001}). Single-threaded command loop.
 */
public final class BenchServerMain {

    private BenchServerMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** @return the exit code */
    static int run(String[] args) throws Exception {
        PrintStream control = System.out;
        System.setOut(System.err); // only command answers go to stdout
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        String kind = args.length > 0 ? args[0] : "";
        boolean controlled = false;
        String host = "127.0.0.1";
        int port = 0;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--controlled" -> controlled = true;
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    return 2;
                }
            }
        }
        AutoCloseable server;
        URI uri;
        IntSupplier connections;
        Supplier<String> bus = () -> "none";
        if (kind.equals("switchboard")) {
            StandaloneConfig config = StandaloneConfig.fromEnvironment();
            if (config.authSecret() == null) {
                System.err.println("bench server switchboard needs SWITCHBOARD_AUTH_SECRET (the loader signs tokens with it)");
                return 2;
            }
            StandaloneServer standalone = StandaloneServer.start(config, new JwtAuthenticator(config.authSecret()));
            server = standalone;
            uri = standalone.webSocketUri();
            connections = () -> standalone.hub().clientCount();
            bus = () -> String.valueOf(standalone.hub().clusterStats());
        } else if (kind.equals("baseline")) {
            // The incoming buffer StandaloneServer gives Tyrus with the default maxMessageBytes.
            int buffer = Math.max(HubConfig.defaults().maxMessageBytes() * 2, 64 * 1024);
            PlainTyrusServer plain = PlainTyrusServer.start(host, port, BaselineEndpoint.class, BaselineEndpoint.PATH, buffer);
            server = plain;
            uri = plain.webSocketUri();
            connections = BaselineEndpoint::openSessions;
        } else {
            System.err.println("usage: bench server <switchboard|baseline> [--host H] [--port P]");
            return 2;
        }
        control.println("READY " + uri);
        control.flush();
        if (controlled) {
            serveCommands(control, connections, bus);
        } else {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "bench-server-stop"));
            stopped.await();
        }
        server.close();
        return 0;
    }

    private static void serveCommands(PrintStream control, IntSupplier connections, Supplier<String> bus) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            String answer = switch (line.trim()) {
                case "cpu" -> Long.toString(os.getProcessCpuTime());
                case "heap" -> Long.toString(heapAfterGc());
                case "count" -> Integer.toString(connections.getAsInt());
                case "bus" -> bus.get();
                case "sockets" -> Integer.toString(openSockets());
                default -> "ERR unknown command " + line;
            };
            control.println(answer);
            control.flush();
        }
    }

    /** Sockets this process holds open ({@code /proc/self/fd} links to {@code socket:}), or -1 where there is no /proc. */
    private static int openSockets() {
        java.io.File[] fds = new java.io.File("/proc/self/fd").listFiles();
        if (fds == null) {
            return -1;
        }
        int sockets = 0;
        for (java.io.File fd : fds) {
            try {
                if (java.nio.file.Files.readSymbolicLink(fd.toPath()).toString().startsWith("socket:")) {
                    sockets++;
                }
            } catch (java.io.IOException | UnsupportedOperationException e) {
                // closed while listing
            }
        }
        return sockets;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
