package dev.switchboard.standalone.bench;

import java.util.List;
import java.util.function.Supplier;

/**
 * The frame of a measurement over a fixed set of clients: start the target, connect
 * {@code options.clients()} authenticated clients, hand them to the rounds, then close the clients
 * and the target. Stateless.
 */
final class ConnectedClients {

    private ConnectedClients() {
    }

    /** What a scenario does with its connected clients, adding its rounds and facts to {@code figures}. */
    interface Work {
        void run(Target target, List<LoadClient> clients, Figures figures);
    }

    /** @param room the room every client joins, or null for none */
    static Figures measure(BenchOptions options, String label, Supplier<Target> targets, String room, Work work) {
        Figures figures = new Figures(label);
        Report.progress(label + ": starting");
        try (Target target = targets.get(); Loader loader = new Loader(options.threads(), options.connectWindow())) {
            List<LoadClient> clients = loader.connect(label, target, options.clients(), room);
            try {
                work.run(target, clients, figures);
            } finally {
                Loader.closeAll(clients);
            }
        }
        return figures;
    }
}
