package dev.switchboard.conformance;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The example's REST API, on full Jakarta EE servers (CDI and JAX-RS): a REST call pushes to a
 * user's sockets through the injected hub.
 */
public interface RestConformance extends Conformance {

    /** The example's REST root, e.g. {@code http://127.0.0.1:8080/switchboard-example/api/}. */
    URI restRoot();

    @Test
    default void aRestCallPushesToEverySocketOfTheUser() throws IOException, InterruptedException {
        try (Peer phone = login("zoe"); Peer laptop = login("zoe"); Peer other = login("zack")) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(restRoot().resolve("notify/zoe"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"report ready\",\"id\":7}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            JsonObject result = Json.createReader(new StringReader(answer.body())).readObject();
            assertEquals(2, result.getInt("sessions"));
            for (Peer socket : new Peer[]{phone, laptop}) {
                JsonObject data = socket.await("notification").getJsonObject("data");
                assertEquals("report ready", data.getString("text"));
                assertEquals(7, data.getInt("id"));
            }
            String marker = other.request("system:echo", "1");
            JsonObject next = other.next();
            assertEquals(marker, next.getString("id"), "zack got nothing before his own answer: " + next);
        }
    }
}
