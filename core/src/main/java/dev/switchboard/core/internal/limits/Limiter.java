package dev.switchboard.core.internal.limits;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.WireError;
import dev.switchboard.core.hub.Limits;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.internal.metrics.Metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One hub's limits: hands each socket its {@link Allowance}, counts this node's open sockets in
 * total and per client address (refusing those past a limit), and counts every limit hit in the
 * metrics. The decisions are here; the hub's flows carry out the answers.
 *
 * <p>Thread-safe: the counts live in atomic integers and a concurrent map changed atomically per
 * key; a socket is counted while its {@link Allowance} holds the record {@link #admit} gave it, and
 * {@link #closed} takes that record once, so its release happens exactly once.
 */
public final class Limiter {

    /** How a refused socket or authentication is answered: an {@code error} event, then this close. */
    public record Refusal(Limit limit, int closeCode, String reason, WireError error) {
    }

    private static final Refusal NODE_FULL = new Refusal(Limit.NODE_CONNECTIONS, CloseCodes.TRY_AGAIN_LATER,
            "Server full", new WireError(ErrorCodes.CONNECTION_LIMIT, "This server has no room for more connections"));
    private static final Refusal ADDRESS_FULL = new Refusal(Limit.ADDRESS_CONNECTIONS, CloseCodes.POLICY_VIOLATION,
            "Too many connections", new WireError(ErrorCodes.CONNECTION_LIMIT, "Too many connections from this address"));
    private static final Refusal USER_FULL = new Refusal(Limit.USER_CONNECTIONS, CloseCodes.POLICY_VIOLATION,
            "Too many connections", new WireError(ErrorCodes.CONNECTION_LIMIT, "Too many connections for this user"));

    private final Limits limits;
    private final Allowance.Budget budget;
    private final Metrics metrics;
    private final LimitLog log = new LimitLog();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger reporting = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();

    public Limiter(Limits limits, Metrics metrics) {
        this.limits = limits;
        this.budget = Allowance.Budget.of(limits);
        this.metrics = metrics;
    }

    public Limits limits() {
        return limits;
    }

    /** A new socket's budget. */
    public Allowance allowance() {
        return new Allowance(budget, System.nanoTime());
    }

    /**
     * Whether a handshake is to be refused because the node is full now, counting the hit (a hint:
     * concurrent handshakes may pass it, and {@link #admit} decides for each socket that opens).
     */
    public boolean refusesHandshake() {
        if (limits.maxConnections() > 0 && open.get() >= limits.maxConnections()) {
            hit(Limit.NODE_CONNECTIONS, null);
            return true;
        }
        return false;
    }

    /** A counted socket: its address key ("" when not counted per address) and whether its close is reported. */
    private record Counted(String address, boolean reportsClose) {
    }

    /** The entries of sockets not counted per address, shared: most nodes set no per-address limit. */
    private static final Counted REPORTING = new Counted("", true);
    private static final Counted SILENT = new Counted("", false);

    /**
     * Counts a socket of this node that just opened; {@code reportsClose}: the container reports its
     * end (see {@link #awaitNoSockets}). @return null when admitted, else how to refuse it
     */
    public Refusal admit(Link link, boolean reportsClose) {
        int max = limits.maxConnections();
        if (open.incrementAndGet() > max && max > 0) {
            open.decrementAndGet();
            return hit(NODE_FULL);
        }
        String address = "";
        if (limits.maxConnectionsPerAddress() > 0) {
            address = ClientAddress.of(link.handshake(), limits);
            boolean[] admitted = {true};
            perAddress.compute(address, (key, count) -> {
                int now = count == null ? 0 : count;
                if (now >= limits.maxConnectionsPerAddress()) {
                    admitted[0] = false;
                    return count;
                }
                return now + 1;
            });
            if (!admitted[0]) {
                open.decrementAndGet();
                return hit(ADDRESS_FULL);
            }
        }
        if (reportsClose) {
            reporting.incrementAndGet();
        }
        link.allowance().count(!address.isEmpty() ? new Counted(address, reportsClose) : reportsClose ? REPORTING : SILENT);
        return null;
    }

    /** A socket of this node closed: it no longer counts. Idempotent; a refused socket was never counted. */
    public void closed(Link link) {
        Allowance allowance = link.allowance();
        if (allowance == null || !(allowance.uncount() instanceof Counted counted)) {
            return;
        }
        open.decrementAndGet();
        if (counted.reportsClose() && reporting.decrementAndGet() == 0) {
            synchronized (reporting) {
                reporting.notifyAll();
            }
        }
        if (!counted.address().isEmpty()) {
            perAddress.computeIfPresent(counted.address(), (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    /**
     * Waits until every counted socket whose container reports its end has been reported closed (so
     * its close frame went out before the server stops listening), or {@code timeoutNanos} passed.
     *
     * @return whether none is left
     */
    public boolean awaitNoSockets(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (reporting) {
            for (long left = timeoutNanos; reporting.get() > 0 && left > 0; left = deadline - System.nanoTime()) {
                reporting.wait(Math.max(1, left / 1_000_000));
            }
            return reporting.get() == 0;
        }
    }

    /** Sockets of this node counted now. */
    public int openSockets() {
        return open.get();
    }

    /** The answer to an authentication past the per-user limit (counted). */
    public Refusal userFull() {
        return hit(USER_FULL);
    }

    /** Counts a hit of a limit answered elsewhere, and logs it (rate-limited) with the client's id, if known. */
    public void hit(Limit limit, String clientId) {
        metrics.limit(limit);
        log.hit(limit, clientId);
    }

    private Refusal hit(Refusal refusal) {
        hit(refusal.limit(), null);
        return refusal;
    }
}
