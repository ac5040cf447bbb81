package dev.switchboard.core.cluster;

/** The receiving side of the Redis bus: keeps a set of Redis channel names subscribed across failures. */
interface Subscriber extends AutoCloseable {

    /** Wants a channel; cheap, never does I/O on the caller's thread. */
    void add(String channel);

    void remove(String channel);

    /** Connections re-established after a failure. */
    long reconnects();

    /** Whether every connection it needs is up and subscribed now. */
    boolean connected();

    @Override
    void close();
}
