package dev.switchboard.core.cluster;

import dev.switchboard.api.PresenceStore;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;

/**
 * The value of a room member's field in Redis: {@code {"serverId":"node-a","userId":"alice"}}
 * ({@code userId} absent when unknown). A value that is not a JSON object is a bare serverId, as in
 * user hashes. Encoding is deterministic, so a node can delete exactly the value it wrote.
 * Stateless and thread-safe.
 */
final class PresenceEntry {

    private static final JsonProvider JSON = JsonProvider.provider();

    private PresenceEntry() {
    }

    static String encode(String serverId, String userId) {
        JsonObjectBuilder builder = JSON.createObjectBuilder().add("serverId", serverId);
        if (userId != null) {
            builder.add("userId", userId);
        }
        return builder.build().toString();
    }

    /** The member a stored value describes, or {@code null} when the value is unreadable. */
    static PresenceStore.Member decode(String clientId, String value) {
        if (!value.startsWith("{")) {
            return new PresenceStore.Member(clientId, null, value);
        }
        try (JsonReader reader = JSON.createReader(new StringReader(value))) {
            JsonObject object = reader.readObject();
            String serverId = object.getString("serverId", null);
            return serverId == null ? null : new PresenceStore.Member(clientId, object.getString("userId", null), serverId);
        } catch (JsonException | ClassCastException e) {
            return null;
        }
    }
}
