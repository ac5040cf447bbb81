/**
 * The Java client SDK on the JDK's {@code java.net.http.WebSocket}: connect, authenticate, events,
 * rooms, method RPC and reconnection. Its classes arrive with the method-RPC work; the module is
 * part of the build so that the SDK and the server share the {@code api} types from the start.
 */
package dev.switchboard.client;
