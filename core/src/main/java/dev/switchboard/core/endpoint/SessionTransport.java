package dev.switchboard.core.endpoint;

import dev.switchboard.core.internal.connection.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A container session as the hub's {@link Transport}: async text sends and coded closes. The
 * container's {@code Session.close} is synchronous (it may wait on the network), and the hub
 * closes sockets from timer and bus threads, so closes run on a small shared pool of daemon
 * threads instead (bounded: a shutdown that closes every socket queues them). Stateless apart from that pool.
 */
final class SessionTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTransport.class);
    private static final int MAX_REASON_BYTES = 123;

    /** At most 8 closes at once (a shutdown closes every socket); idle threads end after 10 s. */
    private static final ThreadPoolExecutor CLOSER = new ThreadPoolExecutor(8, 8, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "switchboard-close");
                thread.setDaemon(true);
                return thread;
            });

    static {
        CLOSER.allowCoreThreadTimeOut(true);
    }


    private final Session session;

    SessionTransport(Session session) {
        this.session = session;
    }

    @Override
    public void sendText(String text, Completion completion) {
        session.getAsyncRemote().sendText(text, result -> completion.done(result.isOK() ? null : result.getException()));
    }

    @Override
    public boolean reportsClose() {
        return true;
    }

    @Override
    public void close(int code, String reason) {
        if (session.isOpen()) {
            CLOSER.execute(() -> closeNow(code, reason));
        }
    }

    private void closeNow(int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), clip(reason)));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing session {} failed: {}", session.getId(), e.toString());
        }
    }

    private static String clip(String reason) {
        if (reason == null) {
            return "";
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end--;
        }
        return reason.substring(0, end);
    }
}
