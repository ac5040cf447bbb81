package dev.switchboard.example;

import dev.switchboard.core.endpoint.AnnotatedSwitchboardEndpoint;
import dev.switchboard.core.endpoint.HubConfigurator;
import dev.switchboard.core.endpoint.SwitchboardEndpoint;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The WebSocket endpoint, at {@code /ws/{tenant}} under the WAR's context root. The container
 * creates it; {@link HubConfigurator} hands it the hub that {@link HubLifecycle} installed.
 */
@ServerEndpoint(value = "/ws/{tenant}", configurator = HubConfigurator.class,
        subprotocols = SwitchboardEndpoint.SUBPROTOCOL)
public class ExampleEndpoint extends AnnotatedSwitchboardEndpoint {
}
