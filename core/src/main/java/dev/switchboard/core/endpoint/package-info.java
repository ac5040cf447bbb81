/**
 * The Jakarta WebSocket adapter: the only package that imports {@code jakarta.websocket}. It turns a
 * container's {@code Session} into the hub's {@link dev.switchboard.core.internal.connection.Transport} and
 * forwards socket events to the {@link dev.switchboard.core.hub.Hub}.
 *
 * <p>Two entry points share one bridge: {@link dev.switchboard.core.endpoint.SwitchboardEndpoint} for
 * programmatic registration (configurable path), and
 * {@link dev.switchboard.core.endpoint.AnnotatedSwitchboardEndpoint} to extend with
 * {@code @ServerEndpoint(value = "/ws/{tenant}", configurator = HubConfigurator.class)} in a WAR.
 */
package dev.switchboard.core.endpoint;
