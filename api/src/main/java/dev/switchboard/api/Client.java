package dev.switchboard.api;

import java.util.Set;

/**
 * One connected socket as the application sees it. A user may own several clients.
 *
 * <p>Implementations are thread-safe; the accessors return snapshots.
 */
public interface Client {

    /** Server-assigned id, unique in the cluster; also the name of the client's own room. */
    String id();

    ClientState state();

    /** The authenticated user, or {@code null} before authentication. */
    String userId();

    /** What the {@link Authenticator} returned as metadata, or {@code null}. */
    Object metadata();

    Handshake handshake();

    /** The rooms this client is in now. */
    Set<String> rooms();

    /** True while this client's outbound queue is above its high-water mark. */
    boolean isBackpressured();

    /** Queues an event for this client alone; dropped if the client is not authenticated. */
    void send(String event, Object data);

    /** Closes the connection after frames already queued for it are written. */
    void close(int code, String reason);
}
