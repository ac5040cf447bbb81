package dev.switchboard.core.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster outbox against an in-memory sink: order, retry with a probe and a grace period, the bound, drop counting. */
class OutboxTest {

    private static final long WAIT_MILLIS = 10_000;

    /**
     * A broker in memory: records every call in order, fails the next {@code failSends} sends and
     * {@code failProbes} probes, and can hold a send until released. The monitor guards the fields.
     */
    static final class Broker implements Outbox.Sink<Integer> {
        final List<String> calls = new ArrayList<>();
        final List<Integer> delivered = new ArrayList<>();
        final CountDownLatch sending = new CountDownLatch(1);
        final CountDownLatch probed = new CountDownLatch(1);
        private CountDownLatch gate = new CountDownLatch(0);
        private int failSends;
        private int failProbes;

        synchronized Broker failing(int sends, int probes) {
            failSends = sends;
            failProbes = probes;
            return this;
        }

        /** The next sends wait until {@link #release()}. */
        synchronized Broker holding() {
            gate = new CountDownLatch(1);
            return this;
        }

        void release() {
            CountDownLatch current;
            synchronized (this) {
                current = gate;
            }
            current.countDown();
        }

        @Override
        public void send(List<Integer> batch) throws Exception {
            CountDownLatch current;
            synchronized (this) {
                current = gate;
            }
            sending.countDown();
            assertTrue(current.await(WAIT_MILLIS, TimeUnit.MILLISECONDS), "never released");
            synchronized (this) {
                if (failSends > 0) {
                    failSends--;
                    calls.add("send failed " + batch);
                    throw new java.io.IOException("broker unreachable");
                }
                calls.add("send " + batch);
                delivered.addAll(batch);
            }
        }

        @Override
        public void probe() throws Exception {
            synchronized (this) {
                if (failProbes > 0) {
                    failProbes--;
                    calls.add("probe failed");
                    throw new java.io.IOException("still unreachable");
                }
                calls.add("probe");
            }
            probed.countDown();
        }

        synchronized List<String> calls() {
            return List.copyOf(calls);
        }

        synchronized List<Integer> delivered() {
            return List.copyOf(delivered);
        }
    }

    private final List<Outbox<Integer>> outboxes = new ArrayList<>();

    @AfterEach
    void close() {
        outboxes.forEach(Outbox::close);
    }

    private Outbox<Integer> outbox(int capacity, Broker broker, long graceMillis) {
        Outbox<Integer> outbox = new Outbox<>("test-publisher", capacity, broker,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)), graceMillis);
        outboxes.add(outbox);
        return outbox;
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @Test
    void messagesGoOutInOrderAndFlushWaitsForThem() throws Exception {
        Broker broker = new Broker();
        Outbox<Integer> outbox = outbox(10_000, broker, 0);
        for (int i = 0; i < 2_000; i++) {
            assertTrue(outbox.offer(i));
        }
        assertTrue(outbox.flush(WAIT_MILLIS));
        assertEquals(range(0, 2_000), broker.delivered());
        assertEquals(2_000, outbox.published());
        assertEquals(0, outbox.pending());
        assertEquals(0, outbox.dropped());
    }

    @Test
    void aFailedBatchIsRetriedWholeAfterAProbeSoNothingIsReorderedOrLost() throws Exception {
        Broker broker = new Broker().holding().failing(2, 1);
        Outbox<Integer> outbox = outbox(10_000, broker, 0);
        outbox.offer(0);
        assertTrue(broker.sending.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        for (int i = 1; i < 5; i++) {
            outbox.offer(i);
        }
        broker.release();
        assertTrue(outbox.flush(WAIT_MILLIS));
        assertEquals(range(0, 5), broker.delivered());
        assertEquals(List.of("send failed [0]", "probe failed", "probe", "send failed [0]", "probe", "send [0]",
                "send [1, 2, 3, 4]"), broker.calls(), "the broker is probed before each resend");
        assertEquals(5, outbox.published());
        assertEquals(0, outbox.dropped());
    }

    @Test
    void afterAnOutageTheHeldBatchWaitsTheGracePeriodBeforeItIsResent() throws Exception {
        Broker broker = new Broker().holding().failing(1, 0);
        Outbox<Integer> outbox = outbox(10, broker, TimeUnit.HOURS.toMillis(1));
        outbox.offer(7);
        assertTrue(broker.sending.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        outbox.offer(8);
        broker.release();
        assertTrue(broker.probed.await(WAIT_MILLIS, TimeUnit.MILLISECONDS), "the broker answers again");
        outbox.close();
        assertEquals(List.of("send failed [7]", "probe"), broker.calls(), "not resent within the grace period");
        assertEquals(2, outbox.dropped(), "closing during the grace period drops the held batch and the queue, counted");
        assertEquals(0, outbox.published());
    }

    @Test
    void pastTheBoundCountingTheBatchInFlightMessagesAreDroppedAndCounted() throws Exception {
        Broker broker = new Broker().holding();
        Outbox<Integer> outbox = outbox(5, broker, 0);
        assertTrue(outbox.offer(0));
        assertTrue(broker.sending.await(WAIT_MILLIS, TimeUnit.MILLISECONDS), "0 is in flight");
        for (int i = 1; i < 5; i++) {
            assertTrue(outbox.offer(i));
        }
        assertFalse(outbox.offer(5), "four queued and one in flight fill five places");
        assertFalse(outbox.offer(6));
        assertEquals(2, outbox.dropped());
        assertEquals(5, outbox.pending(), "four queued and one in flight are not published yet");
        assertFalse(outbox.flush(1), "a held send is not flushed");

        broker.release();
        assertTrue(outbox.flush(WAIT_MILLIS));
        assertEquals(range(0, 5), broker.delivered());
        assertTrue(outbox.offer(9), "room again once sent");
        assertTrue(outbox.flush(WAIT_MILLIS));
        assertEquals(2, outbox.dropped());
        assertEquals(6, outbox.published());
    }

    @Test
    void closingDropsAndCountsWhatWasNotSentAndRefusesLaterMessages() throws Exception {
        Broker broker = new Broker().holding();
        Outbox<Integer> outbox = outbox(100, broker, 0);
        outbox.offer(0);
        assertTrue(broker.sending.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        outbox.offer(1);
        outbox.offer(2);
        outbox.close();
        assertEquals(3, outbox.dropped(), "the two queued and the batch in flight, interrupted while held");
        assertFalse(outbox.offer(3));
        assertEquals(4, outbox.dropped());
        assertEquals(0, outbox.pending());
        assertFalse(outbox.flush(1), "what was dropped was never sent");
    }
}
