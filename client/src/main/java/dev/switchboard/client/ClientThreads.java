package dev.switchboard.client;

import java.net.http.HttpClient;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads and the shared HTTP client of clients built without their own. Stateless. */
final class ClientThreads {

    private ClientThreads() {
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, … */
    static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The HTTP client of every SwitchboardClient built without one. */
    static final class SharedHttpClient {
        static final HttpClient INSTANCE = HttpClient.newHttpClient();
    }
}
