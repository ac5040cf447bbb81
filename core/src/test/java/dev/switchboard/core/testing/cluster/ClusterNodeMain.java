package dev.switchboard.core.testing.cluster;

import dev.switchboard.core.hub.HubBuilder;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Resumes;

import java.io.IOException;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A {@link ClusterNode} as its own JVM, for multi-process tests:
 * {@code ClusterNodeMain <redisUrl> <prefix> <serverId> <leaseMillis> [resume]} prints
 * {@code READY <port>} once it serves, and shuts down cleanly when its standard input ends (a kill
 * stops it abruptly). With {@code resume}, sessions are on ({@link #RESUMABLE}).
 */
public final class ClusterNodeMain {

    /** Resumption with the test key and quick heartbeats (300 ms sweep, 2 s timeout), as a resumable node runs. */
    public static final UnaryOperator<HubBuilder> RESUMABLE = builder -> builder
            .resumption(Resumption.enabled(Resumes.KEY).bufferSize(50))
            .heartbeatInterval(Duration.ofMillis(300)).heartbeatTimeout(Duration.ofSeconds(2));

    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws IOException {
        ClusterNode node = ClusterNode.start(args[0], args[1], args[2], Duration.ofMillis(Long.parseLong(args[3])),
                args.length > 4 && "resume".equals(args[4]) ? RESUMABLE : UnaryOperator.identity());
        System.out.println("READY " + node.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our input
        }
        node.close();
        System.exit(0);
    }
}
