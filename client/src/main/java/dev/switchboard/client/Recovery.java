package dev.switchboard.client;

import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the client does when its server session cannot be recovered: requests and room requests
 * already sent fail with {@code DISCONNECTED} (their answers died with the session) while those
 * still queued stay for the next session ({@code presence} requests already sent are asked again
 * there); the server's requests being answered are cancelled and
 * queued answers and cancels dropped; the token and sequence are forgotten; and, when the client
 * will authenticate again, a {@code join} of the rooms it had joined is queued ahead of everything
 * else. Thread-safe; holds only an id counter, the rest belongs to the parts it calls.
 */
final class Recovery {

    private static final Set<String> REQUESTS = Set.of("request");
    private static final Set<String> ROOM_REQUESTS = Set.of("join", "leave");
    private static final Set<String> PRESENCE = Set.of("presence");
    private static final Set<String> OLD_SESSION = Set.of("response", "cancel");

    private final Session session;
    private final Continuity memory;
    private final Backlog backlog;
    private final boolean reauthenticate;
    private final AtomicLong rejoins = new AtomicLong();

    Recovery(Session session, Continuity memory, Backlog backlog, boolean reauthenticate) {
        this.session = session;
        this.memory = memory;
        this.backlog = backlog;
        this.reauthenticate = reauthenticate;
    }

    /** The session is gone ({@code reason}: the server's, or null when it issued no token to resume with). */
    void abandon(String reason) {
        RpcException lost = new RpcException(ErrorCodes.DISCONNECTED, reason == null
                ? "Connection lost and the server keeps no session to resume"
                : "Connection lost and the session was not recovered (" + reason + ")");
        session.auth.forget();
        memory.forgetSession();
        session.calls.failAllExcept(backlog.queuedIds(REQUESTS), lost);
        session.rooms.failAllExcept(backlog.queuedIds(ROOM_REQUESTS), lost);
        session.presence.askAgainExcept(backlog.queuedIds(PRESENCE));
        session.methods.cancelAll();
        backlog.discard(entry -> OLD_SESSION.contains(entry.event()), lost);
        List<String> rooms = memory.rooms();
        if (!reauthenticate || memory.credentials() == null) {
            memory.forgetRooms();
        } else if (!rooms.isEmpty()) {
            session.rooms.rejoin("rejoin-" + rejoins.incrementAndGet(), rooms, session::sendFirst);
        }
    }
}
