package dev.switchboard.example;

import dev.switchboard.core.endpoint.Hubs;
import dev.switchboard.core.hub.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** Makes the application's hub injectable: {@code @Inject Hub hub;} in any CDI bean or JAX-RS resource. */
@ApplicationScoped
public class HubProducer {

    @Produces
    @Dependent
    public Hub hub() {
        return Hubs.current();
    }
}
