package dev.switchboard.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs tasks concurrently for race tests: all released at once on a small pool. Stateless. */
public final class Together {

    private Together() {
    }

    /** Runs every task on {@code threads} threads and waits for all (30 s at most); the first failure is rethrown. */
    public static void run(int threads, List<Callable<?>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (Callable<?> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            pool.shutdownNow();
            throw new AssertionError("tasks did not finish within 30 s");
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }
}
