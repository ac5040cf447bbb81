package dev.switchboard.core.testing.cluster;

import java.io.IOException;
import java.time.Duration;

/**
 * A {@link ClusterNode} as its own JVM, for multi-process tests:
 * {@code ClusterNodeMain <redisUrl> <prefix> <serverId> <leaseMillis>} prints {@code READY <port>}
 * once it serves, and shuts down cleanly when its standard input ends (a kill stops it abruptly).
 */
public final class ClusterNodeMain {

    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws IOException {
        ClusterNode node = ClusterNode.start(args[0], args[1], args[2], Duration.ofMillis(Long.parseLong(args[3])));
        System.out.println("READY " + node.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our input
        }
        node.close();
        System.exit(0);
    }
}
