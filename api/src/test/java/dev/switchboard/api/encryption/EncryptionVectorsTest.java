package dev.switchboard.api.encryption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Recomputes every value of {@code docs/encryption-vectors.json} from its two private scalars. */
class EncryptionVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static JsonObject vectors;
    private static KeyPair client;
    private static KeyPair server;

    @BeforeAll
    static void read() throws Exception {
        try (JsonReader reader = Json.createReader(new StringReader(
                Files.readString(EncryptionVectorsWriter.FILE, StandardCharsets.UTF_8)))) {
            vectors = reader.readObject();
        }
        client = pair(vectors.getJsonObject("client"));
        server = pair(vectors.getJsonObject("server"));
    }

    @Test
    void publicPointsAreTheScalarsTimesG() {
        for (String name : List.of("client", "server")) {
            JsonObject party = vectors.getJsonObject(name);
            BigInteger d = new BigInteger(party.getString("privateKey"), 16);
            byte[] point = P256Math.uncompressed(P256Math.multiplyG(d));
            assertEquals(party.getString("publicKey"), Base64.getEncoder().encodeToString(point), name);
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            JsonObject jwk = party.getJsonObject("jwk");
            assertEquals(jwk.getString("x"), url.encodeToString(java.util.Arrays.copyOfRange(point, 1, 33)));
            assertEquals(jwk.getString("y"), url.encodeToString(java.util.Arrays.copyOfRange(point, 33, 65)));
            assertEquals(jwk.getString("d"), url.encodeToString(HEX.parseHex(party.getString("privateKey"))));
        }
    }

    @Test
    void sharedSecretAndKeys() {
        byte[] z = HEX.parseHex(vectors.getString("sharedSecret"));
        assertArrayEquals(z, KeyExchange.sharedSecret(client.getPrivate(), (ECPublicKey) server.getPublic()));
        assertArrayEquals(z, KeyExchange.sharedSecret(server.getPrivate(), (ECPublicKey) client.getPublic()));
        SessionKeys keys = SessionKeys.derive(z, salt());
        JsonObject expected = vectors.getJsonObject("keys");
        for (Direction d : Direction.values()) {
            JsonObject key = expected.getJsonObject(d == Direction.SERVER_TO_CLIENT ? "serverToClient" : "clientToServer");
            assertEquals(d.info(), key.getString("info"));
            assertEquals(key.getString("key"), HEX.formatHex(keys.key(d)), d.name());
        }
    }

    @Test
    void everyFrameSealsAndOpensToTheVector() {
        for (JsonObject f : frames()) {
            Direction direction = f.getString("direction").equals("server-to-client")
                    ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
            long counter = f.getJsonNumber("counter").longValueExact();
            Role sender = VectorFrames.sender(direction);
            Role receiver = sender == Role.SERVER ? Role.CLIENT : Role.SERVER;
            SealedFrame sealed = VectorFrames.at(sender, keys(), counter).seal(f.getString("plaintext"));
            String what = f.getString("direction") + " #" + counter;
            assertEquals(counter, sealed.counter(), what);
            assertEquals(f.getString("iv"), sealed.iv(), what);
            assertEquals(f.getString("ct"), sealed.ct(), what);
            assertEquals(f.getString("frame"), sealed.toJson(), what);
            assertEquals(f.getString("plaintext"), VectorFrames.at(receiver, keys(), counter).open(f.getString("iv"), f.getString("ct")), what);
        }
    }

    @Test
    void theExchangeReproducesTheFirstFramesInOrder() {
        KeyOffer offer = KeyOffer.of(client);
        assertEquals(vectors.getJsonObject("client").getString("publicKey"), offer.publicKey());
        KeyAnswer answer = KeyAnswer.answer(offer.publicKey(), server, salt());
        assertEquals(vectors.getJsonObject("server").getString("publicKey"), answer.publicKey());
        assertEquals(vectors.getString("salt"), answer.salt());
        SecureChannel clientChannel = offer.accept(answer.publicKey(), answer.salt());
        for (JsonObject f : frames()) {
            long counter = f.getJsonNumber("counter").longValueExact();
            if (counter > 3) {
                continue;
            }
            boolean down = f.getString("direction").equals("server-to-client");
            SealedFrame sealed = (down ? answer.channel() : clientChannel).seal(f.getString("plaintext"));
            assertEquals(f.getString("frame"), sealed.toJson());
            assertEquals(f.getString("plaintext"), (down ? clientChannel : answer.channel()).open(sealed.iv(), sealed.ct()));
        }
    }

    @Test
    void theExampleExchangeCarriesTheVectorKeys() {
        JsonObject authenticate = parse(vectors.getJsonObject("exchange").getString("authenticate"));
        assertEquals(vectors.getJsonObject("client").getString("publicKey"),
                authenticate.getJsonObject("data").getJsonObject("encryption").getString("publicKey"));
        JsonObject connected = parse(vectors.getJsonObject("exchange").getString("connected"));
        JsonObject encryption = connected.getJsonObject("data").getJsonObject("encryption");
        assertEquals(vectors.getJsonObject("server").getString("publicKey"), encryption.getString("publicKey"));
        assertEquals(vectors.getString("salt"), encryption.getString("salt"));
    }

    private static List<JsonObject> frames() {
        List<JsonObject> out = new ArrayList<>();
        vectors.getJsonArray("frames").forEach(v -> out.add(v.asJsonObject()));
        assertEquals(8, out.size());
        return out;
    }

    private static SessionKeys keys() {
        JsonObject keys = vectors.getJsonObject("keys");
        return SessionKeys.of(HEX.parseHex(keys.getJsonObject("serverToClient").getString("key")),
                HEX.parseHex(keys.getJsonObject("clientToServer").getString("key")));
    }

    private static byte[] salt() {
        return Base64.getDecoder().decode(vectors.getString("salt"));
    }

    private static KeyPair pair(JsonObject party) {
        ECPrivateKey privateKey = KeyExchange.privateKey(HEX.parseHex(party.getString("privateKey")));
        return new KeyPair(KeyExchange.decodePublicKey(party.getString("publicKey")), privateKey);
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
