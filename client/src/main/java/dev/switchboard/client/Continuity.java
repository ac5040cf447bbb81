package dev.switchboard.client;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the client remembers of its server session so a new socket can continue it: the latest
 * session token ({@code connected}, {@code resumed}, {@code token}), the highest {@code seq}
 * processed (which also drops replayed or repeated messages), the credentials that last succeeded
 * and the rooms joined by the client's own requests. Thread-safe; every field is guarded by this
 * object's monitor.
 */
final class Continuity {

    private static final System.Logger LOG = System.getLogger(Continuity.class.getName());

    private String token;
    private long lastSeq;
    private Object credentials;
    private final Set<String> rooms = new LinkedHashSet<>();

    /** A new server session began ({@code connected}): its token, sequence numbers from 1 again. */
    synchronized void newSession(String token, Object credentials) {
        this.token = token;
        this.lastSeq = 0;
        this.credentials = credentials;
    }

    /** The session is gone: no token to resume with, no sequence; credentials and rooms stay for re-authentication. */
    synchronized void forgetSession() {
        token = null;
        lastSeq = 0;
    }

    synchronized void token(String latest) {
        if (latest != null && !latest.isEmpty()) {
            token = latest;
        }
    }

    synchronized String token() {
        return token;
    }

    /**
     * The data of a {@code resume} request, token and {@code lastSeq} read together; {@code null}
     * when there is no token to resume with.
     */
    synchronized Map<String, Object> resumeRequest() {
        if (token == null) {
            return null;
        }
        Map<String, Object> resume = new LinkedHashMap<>();
        resume.put("token", token);
        resume.put("lastSeq", lastSeq);
        return resume;
    }

    synchronized Object credentials() {
        return credentials;
    }

    /**
     * Records a replayable message's {@code seq}. @return false for one already processed
     * ({@code seq <= lastSeq}), which must be dropped
     */
    synchronized boolean advance(long seq) {
        if (seq <= lastSeq) {
            return false;
        }
        if (seq != lastSeq + 1) {
            LOG.log(System.Logger.Level.WARNING, "Sequence gap: seq {0} after {1}", seq, lastSeq);
        }
        lastSeq = seq;
        return true;
    }

    synchronized void joined(Rooms reply) {
        if (reply != null) {
            rooms.addAll(reply.rooms());
            reply.rejected().forEach(rooms::remove);
        }
    }

    synchronized void left(Rooms reply) {
        if (reply != null) {
            reply.rooms().forEach(rooms::remove);
        }
    }

    synchronized List<String> rooms() {
        return List.copyOf(rooms);
    }

    synchronized void forgetRooms() {
        rooms.clear();
    }
}
