package dev.switchboard.api.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Seals from several threads at once never reuse a counter, and the locked hand-off keeps wire order. */
class ConcurrentSealTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 2_000;

    @Test
    void concurrentSealsNeverReuseACounter() throws Exception {
        Channels c = Channels.exchange();
        Set<Long> counters = ConcurrentHashMap.newKeySet();
        Set<String> ivs = ConcurrentHashMap.newKeySet();
        run(thread -> {
            for (int i = 0; i < PER_THREAD; i++) {
                SealedFrame frame = c.server().seal("{\"t\":" + thread + ",\"i\":" + i + "}");
                counters.add(frame.counter());
                ivs.add(frame.iv());
            }
        });
        int total = THREADS * PER_THREAD;
        assertEquals(total, counters.size());
        assertEquals(total, ivs.size());
        assertEquals(total, c.server().lastSealed());
        for (long n = 1; n <= total; n++) {
            assertEquals(true, counters.contains(n), "counter " + n);
        }
    }

    @Test
    void enqueueingWhileLockedKeepsWireOrderEqualToCounterOrder() throws Exception {
        Channels c = Channels.exchange();
        ConcurrentLinkedQueue<SealedFrame> wire = new ConcurrentLinkedQueue<>();
        run(thread -> {
            for (int i = 0; i < PER_THREAD; i++) {
                c.server().seal("{\"t\":" + thread + ",\"i\":" + i + "}", wire::add);
            }
        });
        List<String> opened = new ArrayList<>();
        for (SealedFrame frame : wire) {
            opened.add(c.client().open(frame.iv(), frame.ct()));
        }
        assertEquals(THREADS * PER_THREAD, opened.size(), "every frame opened in wire order, none refused");
    }

    private interface Worker {
        void run(int thread) throws Exception;
    }

    private static void run(Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    worker.run(thread);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
