package dev.switchboard.client;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.Envelope;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Brings a session whose socket was lost back: waits a backoff (exponential, equal jitter,
 * bounded), opens a new socket, sends {@code resume {token, lastSeq}} as its first frame and, when
 * the server cannot recover the session (or issued no token: resumption off), authenticates anew
 * if allowed. One loss is one series of attempts, numbered from 1; the series ends when the
 * session is resumed or re-established (the count starts over at the next loss), when the close
 * code rules out reconnecting, when the attempts run out (the client then closes), or when the
 * client is closed.
 *
 * <p>Thread-safe; the phase, attempt number, loss code and timer are guarded by this object's
 * monitor. The session is called outside it, except for queuing listener calls on the lane.
 */
final class Reconnector {

    private static final System.Logger LOG = System.getLogger(Reconnector.class.getName());

    /** The reason reported when the server issued no session token, so there is nothing to resume. */
    static final String RESUME_DISABLED = "RESUME_DISABLED";

    /** The reason reported when the server closed the session with 4009: cluster messages for it were lost. */
    static final String MESSAGES_LOST = "MESSAGES_LOST";

    private enum Phase { IDLE, WAITING, OPENING, RESUMING, AUTHENTICATING }

    /** What {@code resumed} says. */
    record Resumed(boolean recovered, int replayed, String token, String reason) {
    }

    private final Session session;
    private final Recovery recovery;
    private final ClientOptions.Reconnect settings;
    private final Duration answerTimeout;
    private final ScheduledExecutorService timers;
    private final Continuity memory;
    private final ClientListeners listeners;

    private Phase phase = Phase.IDLE;
    private int attempt;
    private int lossCode;
    private boolean told;
    private ScheduledFuture<?> timer;
    private boolean stopped;

    Reconnector(Session session, Recovery recovery, ClientOptions options, ScheduledExecutorService timers, Continuity memory,
                ClientListeners listeners) {
        this.session = session;
        this.recovery = recovery;
        this.settings = options.reconnect();
        Duration wait = options.requestTimeout();
        this.answerTimeout = wait == null || wait.isZero() || wait.isNegative() ? options.connectTimeout() : wait;
        this.timers = timers;
        this.memory = memory;
        this.listeners = listeners;
    }

    /**
     * Whether a socket that ended with this close code is reconnected: yes when the connection was
     * lost or the server asks to come back (1006 no close frame, 1001 going away, 1011 server
     * error, 1012 restart, 1013 try again later, 4002 heartbeat timeout, 4009 messages lost: the
     * session is gone, so the client authenticates anew without trying to resume); no when the end was meant
     * (1000, the client's own close, 4001/4003 authentication, 4005 taken over by another socket,
     * 1008 policy, 1009 too big, 4004 encryption, any application code).
     */
    static boolean reconnectsAfter(int code) {
        return switch (code) {
            case Transport.ABNORMAL, CloseCodes.GOING_AWAY, CloseCodes.INTERNAL_ERROR, 1012,
                    CloseCodes.TRY_AGAIN_LATER, CloseCodes.HEARTBEAT_TIMEOUT, CloseCodes.MESSAGES_LOST -> true;
            default -> false;
        };
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** The session's socket was lost with {@code code}: a new series of attempts starts. */
    void start(int code) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            lossCode = code;
            attempt = 0;
            phase = Phase.IDLE;
            told = code == CloseCodes.MESSAGES_LOST;
        }
        if (code == CloseCodes.MESSAGES_LOST) {
            // the server ended the session: nothing to resume, authenticate anew
            listeners.recoveryFailed(MESSAGES_LOST);
            if (memory.token() != null) {
                recovery.abandon(MESSAGES_LOST);
            }
        }
        next();
    }

    /**
     * The socket of the current attempt was lost before the session came back; or, if the series
     * had just ended when it was lost, a new series starts.
     */
    void socketLost(int code) {
        int current;
        boolean over;
        synchronized (this) {
            current = attempt;
            over = phase == Phase.IDLE;
        }
        if (over) {
            start(code);
        } else {
            failed(current);
        }
    }

    /** The client closed (or gave up): no further attempt. */
    void stop() {
        ScheduledFuture<?> pending;
        synchronized (this) {
            stopped = true;
            pending = timer;
            timer = null;
        }
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void failed(int which) {
        synchronized (this) {
            if (stopped || which != attempt || phase == Phase.IDLE || phase == Phase.WAITING) {
                return;
            }
        }
        next();
    }

    private void next() {
        int tried;
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            if (attempt < settings.maxAttempts()) {
                int n = ++attempt;
                long delay = delay(n);
                phase = Phase.WAITING;
                listeners.reconnecting(n, Duration.ofMillis(delay));
                timer = Dispatch.later(timers, () -> open(n), delay);
                return;
            }
            tried = attempt;
            phase = Phase.IDLE;
        }
        session.giveUp(lossCode, "Gave up reconnecting after " + tried + " attempt" + (tried == 1 ? "" : "s"));
    }

    /** Equal jitter: a random delay in [b/2, b], b = min(max, initial * 2^(n-1)). */
    private long delay(int n) {
        long max = settings.maxDelay().toMillis();
        long base = Math.min(max, settings.initialDelay().toMillis());
        for (int i = 1; i < n && base < max; i++) {
            base = Math.min(max, base * 2);
        }
        long half = base / 2;
        return base - half + ThreadLocalRandom.current().nextLong(half + 1);
    }

    private void open(int n) {
        synchronized (this) {
            if (stopped || n != attempt || phase != Phase.WAITING) {
                return;
            }
            phase = Phase.OPENING;
        }
        session.reopen().whenComplete((transport, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.DEBUG, "Reconnect attempt {0} failed: {1}", n, failure.getMessage());
                failed(n);
            } else if (transport != null) {
                opened(transport, n);
            }
        });
    }

    /** The attempt's socket is open and current: resume if there is a token, else recover without one. */
    private void opened(Transport transport, int n) {
        Map<String, Object> resume = memory.resumeRequest();
        synchronized (this) {
            if (stopped || n != attempt || phase != Phase.OPENING) {
                return;
            }
            if (resume != null) {
                phase = Phase.RESUMING;
                answerDue(transport, n);
            }
        }
        if (resume != null) {
            session.sendNow(transport, Envelope.of("resume", resume));
            return;
        }
        boolean reported;
        synchronized (this) {
            reported = told;
        }
        if (!reported) {
            listeners.recoveryFailed(RESUME_DISABLED);
        }
        reauthenticate(transport, n);
    }

    /** A {@code resumed} answer on the attempt's socket. */
    void onResumed(Transport transport, Resumed resumed) {
        int n;
        synchronized (this) {
            if (stopped || phase != Phase.RESUMING) {
                LOG.log(System.Logger.Level.DEBUG, "Ignoring an unexpected ''resumed''");
                return;
            }
            n = attempt;
            if (resumed.recovered()) {
                finish();
            }
        }
        if (resumed.recovered()) {
            memory.token(resumed.token());
            listeners.resumed(resumed.replayed());
            session.recovered();
            return;
        }
        String reason = resumed.reason() == null ? "NOT_RECOVERED" : resumed.reason();
        listeners.recoveryFailed(reason);
        recovery.abandon(reason);
        reauthenticate(transport, n);
    }

    /** {@code connected} answered the re-authentication. @return whether it was one */
    boolean onConnected(Connected connected) {
        synchronized (this) {
            if (stopped || phase != Phase.AUTHENTICATING) {
                return false;
            }
            finish();
        }
        session.recovered();
        listeners.reauthenticated(connected);
        return true;
    }

    private void reauthenticate(Transport transport, int n) {
        Object credentials = memory.credentials();
        boolean again = settings.reauthenticate() && credentials != null;
        synchronized (this) {
            if (stopped || n != attempt) {
                return;
            }
            if (!again) {
                finish();
            } else {
                phase = Phase.AUTHENTICATING;
                answerDue(transport, n);
            }
        }
        if (again) {
            session.sendNow(transport, Envelope.of("authenticate", credentials));
        } else {
            session.recoveredUnauthenticated();
        }
    }

    /** The series is over; caller holds the monitor. */
    private void finish() {
        phase = Phase.IDLE;
        attempt = 0;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Drops the attempt's socket if the server does not answer resume/authenticate in time; caller holds the monitor. */
    private void answerDue(Transport transport, int n) {
        timer = Dispatch.later(timers, () -> {
            boolean overdue;
            synchronized (this) {
                overdue = !stopped && n == attempt && (phase == Phase.RESUMING || phase == Phase.AUTHENTICATING);
            }
            if (overdue) {
                transport.abort("No answer to resume or authenticate within " + answerTimeout.toMillis() + " ms");
            }
        }, answerTimeout.toMillis());
    }
}
