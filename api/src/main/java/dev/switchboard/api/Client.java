package dev.switchboard.api;

import java.util.Set;
import java.util.function.Supplier;

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

    /** Messages dropped for this client so far by the {@link OverflowPolicy#DROP} policy (on its current socket). */
    long droppedMessages();

    /**
     * The application's value for {@code key}, or {@code null}. Attributes belong to the session:
     * they survive a resume, on this node or through another node's socket, and are dropped when
     * the client disconnects for good. Thread-safe; a mutable value must be thread-safe itself.
     */
    <T> T attribute(AttributeKey<T> key);

    /** Sets (or, with {@code null}, removes) the value for {@code key}. @return the previous value, or null */
    <T> T attribute(AttributeKey<T> key, T value);

    /** The value for {@code key}, created by {@code initial} and stored if there was none, atomically. */
    <T> T attributeIfAbsent(AttributeKey<T> key, Supplier<? extends T> initial);

    /** Queues an event for this client alone; dropped if the client is not authenticated. */
    void send(String event, Object data);

    /** Closes the connection after frames already queued for it are written. */
    void close(int code, String reason);
}
