/**
 * The Java client SDK on the JDK's {@code java.net.http.WebSocket}: connect, authenticate, typed
 * events, rooms, and method RPC in both directions. Start at {@link dev.switchboard.client.SwitchboardClient}.
 *
 * <p>Inside, the socket ({@code Transport}, with its serialized {@code Outbox}) is kept apart from
 * the logical session ({@code Session}: pending requests, room requests, handlers), so that the
 * {@code Reconnector} can move a session to a new socket: it resumes with the last {@code seq}
 * ({@code Continuity}), sends what was queued meanwhile ({@code Backlog}), or, when the server
 * cannot recover the session, starts a new one ({@code Recovery}).
 */
package dev.switchboard.client;
