package dev.switchboard.example;

import dev.switchboard.core.hub.Hub;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * {@code POST /api/notify/{userId}} with a JSON body pushes it as a {@code notification} event to
 * every socket of the user: the everyday "a REST call triggers a push".
 */
@Path("notify/{userId}")
@RequestScoped
public class NotifyResource {

    @Inject
    Hub hub;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> notify(@PathParam("userId") String userId, Object body) {
        hub.sendToUser(userId, "notification", body);
        return Map.of("userId", userId, "sessions", hub.clientsOfUser(userId).size());
    }
}
