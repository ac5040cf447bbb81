package dev.switchboard.api.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on a shared pool, without a thread of its own:
 * a relayed socket's frames on the server, a client's event callbacks in the Java SDK. A task
 * that throws is logged (through {@link System.Logger}) and the executor goes on with the next one.
 *
 * <p>When the pool rejects the drain (it is shut down or saturated), the queued tasks are handed,
 * in order, to {@code fallback} instead, and the executor is left idle and usable: a later
 * {@link #execute} tries the pool again. The server passes a fallback that logs and drops (it
 * must never run handlers on a bus or timer thread); the client passes {@code Runnable::run}, so
 * callbacks still run after its pool closed.
 *
 * <p>Not API: shared by {@code switchboard-core} and {@code switchboard-client}, which both depend
 * on {@code switchboard-api} only. The queue and the running flag are guarded by this object's monitor.
 */
public final class SerialExecutor implements Executor {

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final Executor pool;
    private final Executor fallback;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    /**
     * @param pool     where the tasks run
     * @param fallback what receives the tasks the pool refused, one at a time, in order
     */
    public SerialExecutor(Executor pool, Executor fallback) {
        this.pool = pool;
        this.fallback = fallback;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            for (Runnable refused = takeOrStop(); refused != null; refused = takeOrStop()) {
                fallback.execute(refused);
            }
        }
    }

    /** Whether tasks are queued or running (for tests and diagnostics). */
    public synchronized boolean isBusy() {
        return running;
    }

    private void drain() {
        for (Runnable task = takeOrStop(); task != null; task = takeOrStop()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A serially executed task failed", e);
            }
        }
    }

    /** The next task, or null after marking this executor idle (in one step, so no task is stranded). */
    private synchronized Runnable takeOrStop() {
        Runnable task = tasks.poll();
        if (task == null) {
            running = false;
        }
        return task;
    }
}
