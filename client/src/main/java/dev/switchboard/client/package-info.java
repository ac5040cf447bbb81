/**
 * The Java client SDK on the JDK's {@code java.net.http.WebSocket}: connect, authenticate, typed
 * events, rooms, and method RPC in both directions. Start at {@link dev.switchboard.client.SwitchboardClient}.
 *
 * <p>Inside, the socket ({@code Transport}, with its serialized {@code Outbox}) is kept apart from
 * the logical session ({@code Session}: pending requests, room requests, handlers), so that a
 * later reconnect can move a session to a new socket.
 */
package dev.switchboard.client;
