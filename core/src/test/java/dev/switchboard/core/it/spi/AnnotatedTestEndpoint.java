package dev.switchboard.core.it.spi;

import dev.switchboard.core.endpoint.AnnotatedSwitchboardEndpoint;
import dev.switchboard.core.endpoint.HubConfigurator;
import dev.switchboard.core.endpoint.SwitchboardEndpoint;
import jakarta.websocket.server.ServerEndpoint;

/** How a WAR declares its endpoint: an annotated subclass, the hub coming from {@code Hubs}. */
@ServerEndpoint(value = "/annotated/{tenant}", configurator = HubConfigurator.class,
        subprotocols = SwitchboardEndpoint.SUBPROTOCOL)
public class AnnotatedTestEndpoint extends AnnotatedSwitchboardEndpoint {
}
