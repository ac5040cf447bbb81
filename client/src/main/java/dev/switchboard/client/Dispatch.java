package dev.switchboard.client;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Runs a task on an executor, or on the calling thread once the executor was shut down (closing). */
final class Dispatch {

    private Dispatch() {
    }

    static void run(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }
}
