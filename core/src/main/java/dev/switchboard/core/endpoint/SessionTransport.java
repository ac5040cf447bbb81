package dev.switchboard.core.endpoint;

import dev.switchboard.core.internal.codec.OutboundFrame;
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
 * threads instead (bounded: a shutdown that closes every socket queues them). On Tyrus, text frames
 * are written by {@link TyrusFrames} instead of {@code sendText}. Immutable per session; the pool and
 * the direct writer (set once, under the class's monitor) are shared.
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


    /** Writes frames to a container's socket without its {@code sendText} (see {@link TyrusFrames}). */
    interface DirectWriter {
        /** Where this session's frames can be written directly (looked up once per session), or null: not here. */
        Object target(Session session);

        /** Writes {@code frame} as one text frame to {@code target}; {@code completion} as {@link Transport#sendText}. */
        void write(Session session, Object target, OutboundFrame frame, Completion completion);
    }

    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static final boolean DIRECT_ALLOWED =
            !"false".equalsIgnoreCase(System.getProperty("switchboard.tyrus.directWrites"));
    /** Set once, on the first Tyrus session: the direct writer, or {@link #NO_DIRECT} when it cannot work here. */
    private static volatile DirectWriter direct;
    private static final DirectWriter NO_DIRECT = new DirectWriter() {
        @Override
        public Object target(Session session) {
            return null;
        }

        @Override
        public void write(Session session, Object target, OutboundFrame frame, Completion completion) {
            throw new UnsupportedOperationException();
        }
    };

    private final Session session;
    /** The direct writer's target for this session, or null: frames go through {@code sendText}. */
    private final Object directTarget;

    SessionTransport(Session session) {
        this.session = session;
        this.directTarget = DIRECT_ALLOWED && session.getClass().getName().equals(TYRUS_SESSION)
                ? directWriter(session).target(session) : null;
    }

    /** The direct writer chosen when the first Tyrus session opened, or null before that. */
    static DirectWriter directWriter() {
        return direct;
    }

    private static DirectWriter directWriter(Session session) {
        DirectWriter writer = direct;
        if (writer == null) {
            synchronized (SessionTransport.class) {
                writer = direct;
                if (writer == null) {
                    writer = loadDirect(session);
                    direct = writer;
                }
            }
        }
        return writer;
    }

    /** The Tyrus writer, through reflection so that no Tyrus class is linked on other containers. */
    private static DirectWriter loadDirect(Session session) {
        try {
            DirectWriter writer = (DirectWriter) Class.forName("dev.switchboard.core.endpoint.TyrusFrames")
                    .getDeclaredConstructor(Session.class).newInstance(session);
            LOG.debug("Text frames go straight to Tyrus's writer");
            return writer;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.info("Text frames go through Tyrus's sendText (no direct writer here: {})", e.toString());
            return NO_DIRECT;
        }
    }

    @Override
    public void sendText(String text, Completion completion) {
        session.getAsyncRemote().sendText(text, result -> completion.done(result.isOK() ? null : result.getException()));
    }

    @Override
    public void sendFrame(OutboundFrame frame, Completion completion) {
        if (directTarget != null) {
            direct.write(session, directTarget, frame, completion);
        } else {
            sendText(frame.text(), completion);
        }
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
