package dev.switchboard.client;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hands tasks to executors that may already be shut down because the client closed: a callback
 * then runs on the calling thread, a timer is simply not started. Stateless.
 */
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

    /** Schedules {@code task} after {@code millis}; {@code null} when the timers are stopped. */
    static ScheduledFuture<?> later(ScheduledExecutorService timers, Runnable task, long millis) {
        try {
            return timers.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }
}
