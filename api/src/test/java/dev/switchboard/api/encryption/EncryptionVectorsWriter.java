package dev.switchboard.api.encryption;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes {@code docs/encryption-vectors.json} from fresh random keys and salt. Run once by hand
 * ({@code -Dswitchboard.writeVectors=true -Dtest=EncryptionVectorsWriter}); the checked-in file is
 * then verified by {@link EncryptionVectorsTest} and the WebCrypto script.
 */
class EncryptionVectorsWriter {

    static final Path FILE = Path.of("..", "docs", "encryption-vectors.json");
    private static final HexFormat HEX = HexFormat.of();

    @Test
    @EnabledIfSystemProperty(named = "switchboard.writeVectors", matches = "true")
    void write() throws Exception {
        KeyPair client = KeyExchange.generateKeyPair();
        KeyPair server = KeyExchange.generateKeyPair();
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        byte[] z = KeyExchange.sharedSecret(client.getPrivate(), (ECPublicKey) server.getPublic());
        SessionKeys keys = SessionKeys.derive(z, salt);
        String clientKey = KeyExchange.encodePublicKey((ECPublicKey) client.getPublic());
        String serverKey = KeyExchange.encodePublicKey((ECPublicKey) server.getPublic());

        JsonArrayBuilder frames = Json.createArrayBuilder();
        for (VectorFrames.Frame f : VectorFrames.FRAMES) {
            SessionKeys copy = SessionKeys.of(keys.key(Direction.SERVER_TO_CLIENT), keys.key(Direction.CLIENT_TO_SERVER));
            SealedFrame sealed = VectorFrames.at(VectorFrames.sender(f.direction()), copy, f.counter()).seal(f.plaintext());
            frames.add(Json.createObjectBuilder()
                    .add("direction", VectorFrames.name(f.direction()))
                    .add("counter", f.counter())
                    .add("plaintext", f.plaintext())
                    .add("iv", sealed.iv())
                    .add("ct", sealed.ct())
                    .add("frame", sealed.toJson()));
        }
        JsonObject vectors = Json.createObjectBuilder()
                .add("scheme", "switchboard/v1")
                .add("description", "Known-answer vectors for Switchboard's built-in encryption (docs/encryption.md). "
                        + "Hex: private scalars, Z and keys. Standard base64: public points, salt, iv, ct. "
                        + "Each frame is sealed with the given counter; counters above 3 stand for a long session.")
                .add("curve", "P-256")
                .add("client", party(client))
                .add("server", party(server))
                .add("salt", Base64.getEncoder().encodeToString(salt))
                .add("sharedSecret", HEX.formatHex(z))
                .add("keys", Json.createObjectBuilder()
                        .add("serverToClient", key(Direction.SERVER_TO_CLIENT, keys))
                        .add("clientToServer", key(Direction.CLIENT_TO_SERVER, keys)))
                .add("exchange", Json.createObjectBuilder()
                        .add("authenticate", "{\"event\":\"authenticate\",\"data\":{\"token\":\"<credentials>\","
                                + "\"encryption\":{\"publicKey\":\"" + clientKey + "\"}}}")
                        .add("connected", "{\"event\":\"connected\",\"data\":{\"id\":\"c-42\",\"userId\":\"alice\","
                                + "\"time\":1767225600000,\"token\":\"<resume token>\",\"encryption\":{\"publicKey\":\""
                                + serverKey + "\",\"salt\":\"" + Base64.getEncoder().encodeToString(salt) + "\"}}}"))
                .add("frames", frames)
                .build();
        StringWriter out = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(vectors);
        }
        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, out.toString().strip() + "\n", StandardCharsets.UTF_8);
        Arrays.fill(z, (byte) 0);
    }

    private static JsonObjectBuilder party(KeyPair pair) {
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        byte[] scalar = KeyExchange.encodeScalar((ECPrivateKey) pair.getPrivate());
        byte[] point = KeyExchange.encodePoint(pub);
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return Json.createObjectBuilder()
                .add("privateKey", HEX.formatHex(scalar))
                .add("publicKey", Base64.getEncoder().encodeToString(point))
                .add("jwk", Json.createObjectBuilder()
                        .add("kty", "EC").add("crv", "P-256")
                        .add("x", url.encodeToString(Arrays.copyOfRange(point, 1, 33)))
                        .add("y", url.encodeToString(Arrays.copyOfRange(point, 33, 65)))
                        .add("d", url.encodeToString(scalar)));
    }

    private static JsonObjectBuilder key(Direction direction, SessionKeys keys) {
        return Json.createObjectBuilder().add("info", direction.info()).add("key", HEX.formatHex(keys.key(direction)));
    }
}
