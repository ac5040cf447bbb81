package dev.switchboard.api.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serial executor on a real pool and on pools that refuse: order, one task at a time, failures, the fallback. */
class SerialExecutorTest {

    private static final long WAIT_SECONDS = 10;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final List<Runnable> fallen = new CopyOnWriteArrayList<>();
    private final Executor fallback = task -> {
        fallen.add(task);
        task.run();
    };

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Waits until every task submitted before it has run: the executor is serial, so a last task is a barrier. */
    private static void awaitIdle(SerialExecutor serial) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        serial.execute(done::countDown);
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS), "the executor stalled");
    }

    @Test
    void tasksRunInSubmissionOrder() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool, fallback);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int n = i;
            serial.execute(() -> ran.add(n));
        }
        awaitIdle(serial);
        assertEquals(IntStream.range(0, 1_000).boxed().toList(), ran);
        assertEquals(List.of(), fallen);
    }

    @Test
    void tasksFromManyThreadsRunOneAtATimeEachThreadsInItsOrder() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool, fallback);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<List<Integer>> seen = new ArrayList<>();
        int threads = 4;
        int each = 500;
        for (int t = 0; t < threads; t++) {
            seen.add(new CopyOnWriteArrayList<>());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Integer> mine = seen.get(t);
            Thread submitter = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    int n = i;
                    serial.execute(() -> {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        for (int spin = 0; spin < 50; spin++) {
                            Thread.onSpinWait();
                        }
                        mine.add(n);
                        running.decrementAndGet();
                    });
                }
            });
            submitter.start();
            submitters.add(submitter);
        }
        start.countDown();
        for (Thread submitter : submitters) {
            submitter.join();
        }
        awaitIdle(serial);
        assertEquals(1, mostAtOnce.get(), "never two tasks at once");
        for (List<Integer> mine : seen) {
            assertEquals(IntStream.range(0, each).boxed().toList(), mine);
        }
    }

    @Test
    void aThrowingTaskDoesNotStopTheNextOnes() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool, fallback);
        List<String> ran = new CopyOnWriteArrayList<>();
        serial.execute(() -> ran.add("before"));
        serial.execute(() -> {
            throw new IllegalStateException("a failing task (expected in this test)");
        });
        serial.execute(() -> ran.add("after"));
        awaitIdle(serial);
        serial.execute(() -> ran.add("later"));
        awaitIdle(serial);
        assertEquals(List.of("before", "after", "later"), ran);
    }

    @Test
    void aRejectingPoolHandsTheQueuedTasksInOrderToTheFallbackAndLeavesTheExecutorUsable() throws Exception {
        AtomicBoolean refusing = new AtomicBoolean(true);
        List<String> ran = new CopyOnWriteArrayList<>();
        SerialExecutor[] serial = new SerialExecutor[1];
        Executor flaky = task -> {
            if (refusing.get()) {
                // a task submitted while the drain is being started queues behind the first one
                serial[0].execute(() -> ran.add("queued meanwhile"));
                throw new RejectedExecutionException("saturated");
            }
            pool.execute(task);
        };
        serial[0] = new SerialExecutor(flaky, fallback);

        serial[0].execute(() -> ran.add("first"));
        assertEquals(List.of("first", "queued meanwhile"), ran);
        assertEquals(2, fallen.size(), "both went to the fallback");
        assertFalse(serial[0].isBusy(), "left idle, not stuck running");

        refusing.set(false);
        serial[0].execute(() -> ran.add("on the pool"));
        awaitIdle(serial[0]);
        assertEquals(List.of("first", "queued meanwhile", "on the pool"), ran);
        assertEquals(2, fallen.size(), "the pool is tried again");
    }

    @Test
    void aShutDownPoolSendsEveryLaterTaskToTheFallback() {
        pool.shutdown();
        SerialExecutor serial = new SerialExecutor(pool, fallback);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            serial.execute(() -> ran.add(n));
            assertFalse(serial.isBusy());
        }
        assertEquals(List.of(0, 1, 2), ran);
        assertEquals(3, fallen.size());
    }
}
