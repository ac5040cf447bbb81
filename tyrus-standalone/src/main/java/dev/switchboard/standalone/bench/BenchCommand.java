package dev.switchboard.standalone.bench;

import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar switchboard-standalone.jar bench ...}: parses the options, runs one scenario and
 * returns the exit code (0 done and verified, 1 failed, 2 usage). {@code bench server <kind>} runs a
 * server under test in the foreground, for a loader on another machine. Stateless.
 */
public final class BenchCommand {

    private BenchCommand() {
    }

    /** @param args the arguments after {@code bench} */
    public static int run(String[] args, PrintStream console) throws Exception {
        if (args.length > 0 && args[0].equals("server")) {
            return BenchServerMain.run(Arrays.copyOfRange(args, 1, args.length));
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            return 2;
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        console.println("bench " + options.scenario() + ": " + options.params());
        try {
            switch (options.scenario()) {
                case "fanout" -> FanoutScenario.VERSUS.run(options, console);
                case "rpc" -> RpcScenario.VERSUS.run(options, console);
                case "connections" -> ConnectionsScenario.VERSUS.run(options, console);
                case "cluster" -> ClusterScenario.run(options, console);
                default -> throw new IllegalStateException(options.scenario());
            }
            return 0;
        } catch (BenchFailure e) {
            console.flush();
            System.err.println("bench " + options.scenario() + " FAILED: " + e.getMessage());
            return 1;
        }
    }
}
