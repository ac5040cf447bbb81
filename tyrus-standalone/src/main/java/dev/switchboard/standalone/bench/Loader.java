package dev.switchboard.standalone.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client side of the bench: a few JDK {@link HttpClient}s (one selector thread each) and one
 * small worker pool carry every {@link LoadClient}. {@link #connect} opens, authenticates and joins
 * many connections with a bounded number of handshakes in flight, printing progress.
 *
 * <p>Created and closed by one scenario thread; the HTTP clients are thread-safe.
 */
final class Loader implements AutoCloseable {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private final ExecutorService workers;
    private final List<HttpClient> http = new ArrayList<>();
    private final int window;

    Loader(int threads, int window) {
        AtomicInteger names = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "bench-loader-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < Math.max(1, threads); i++) {
            http.add(HttpClient.newBuilder().executor(workers).connectTimeout(STEP_TIMEOUT).build());
        }
        this.window = window;
    }

    /**
     * Opens {@code count} connections to {@code target}, client {@code i} to {@code uris[i % size]}, sends each the
     * {@code authenticate} frame {@code target.authFrame(i)}, then (unless {@code room} is null)
     * joins {@code room}; returns once every client is ready, in index order.
     *
     * @throws BenchFailure naming the first client that failed
     */
    List<LoadClient> connect(String label, Target target, int count, String room) {
        List<URI> uris = target.uris;
        List<CompletableFuture<LoadClient>> ready = new ArrayList<>(count);
        Semaphore inFlight = new Semaphore(window);
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        int step = Math.max(1, count / 10);
        for (int i = 0; i < count && firstFailure.get() == null; i++) {
            inFlight.acquireUninterruptibly();
            int index = i;
            Handshake handshake = new Handshake(target.authFrame(i), room);
            CompletableFuture<LoadClient> one = LoadClient.open(http.get(i % http.size()), uris.get(i % uris.size()), i, handshake,
                            target.socketIo())
                    .thenCompose(client -> handshake.start(client))
                    .orTimeout(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .whenComplete((client, error) -> {
                        inFlight.release();
                        if (error != null) {
                            firstFailure.compareAndSet(null, new BenchFailure(label + ": client " + index + " could not connect, "
                                    + "authenticate and join: " + rootMessage(error), error));
                        } else if (done.incrementAndGet() % step == 0) {
                            Report.progress(label + ": " + done.get() + "/" + count + " connected");
                        }
                    });
            ready.add(one);
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            // reported below with the first failure
        }
        if (firstFailure.get() != null) {
            ready.forEach(future -> future.thenAccept(LoadClient::abort));
            throw (BenchFailure) firstFailure.get();
        }
        return ready.stream().map(CompletableFuture::join).toList();
    }

    /** Closes every client normally and waits (bounded) until the servers answered each close. */
    static void closeAll(List<LoadClient> clients) {
        clients.forEach(LoadClient::close);
        try {
            CompletableFuture.allOf(clients.stream().map(LoadClient::closed).toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            clients.forEach(LoadClient::abort);
        }
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** The authenticate → connected → join → joined exchange of one client. */
    private static final class Handshake implements LoadClient.Handler {

        private final String authFrame;
        private final String room;
        private final CompletableFuture<LoadClient> ready = new CompletableFuture<>();

        Handshake(String authFrame, String room) {
            this.authFrame = authFrame;
            this.room = room;
        }

        CompletableFuture<LoadClient> start(LoadClient client) {
            client.send(authFrame);
            return ready;
        }

        @Override
        public void onFrame(LoadClient client, String frame) {
            String event = Frames.string(frame, "event");
            if ("connected".equals(event)) {
                if (room == null) {
                    ready.complete(client);
                } else {
                    client.send(Frames.join(room));
                }
            } else if ("joined".equals(event)) {
                String rooms = Frames.array(frame, "rooms");
                if (rooms != null && rooms.contains(Frames.quote(room))) {
                    ready.complete(client);
                } else {
                    ready.completeExceptionally(new BenchFailure("the server refused room '" + room + "': " + frame));
                }
            } else if ("error".equals(event)) {
                ready.completeExceptionally(new BenchFailure("the server answered " + frame));
            }
        }

        @Override
        public void onClosed(LoadClient client, int code, String reason) {
            ready.completeExceptionally(new BenchFailure("closed " + code + " " + reason));
        }
    }
}
