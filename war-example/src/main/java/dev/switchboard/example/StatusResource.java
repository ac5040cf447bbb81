package dev.switchboard.example;

import dev.switchboard.core.hub.Hub;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** {@code GET /api/status}: this node's connection, user and room counts. */
@Path("status")
@RequestScoped
public class StatusResource {

    @Inject
    Hub hub;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        return Map.of("clients", hub.clientCount(), "users", hub.userCount(), "rooms", hub.roomCount());
    }
}
