/**
 * The stable surface of Switchboard: the hooks an application implements (found by
 * {@link java.util.ServiceLoader} or set on the hub's builder), the read-only view of a
 * connected {@link dev.switchboard.api.Client}, the delivery verbs of {@link dev.switchboard.api.Messenger},
 * the wire {@link dev.switchboard.api.Envelope}, and the close and error codes.
 *
 * <p>Depends on Jakarta APIs only; implementations live in {@code switchboard-core}.
 */
package dev.switchboard.api;
