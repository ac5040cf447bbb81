package dev.switchboard.core.internal.crypto;

import dev.switchboard.api.AttributeKey;
import dev.switchboard.api.Client;
import dev.switchboard.api.HandshakeHandler;
import dev.switchboard.api.InboundTransformer;
import dev.switchboard.api.OutboundTransformer;
import dev.switchboard.api.encryption.DecryptionException;
import dev.switchboard.api.encryption.EncryptionException;
import dev.switchboard.api.encryption.KeyAnswer;
import dev.switchboard.api.encryption.SecureChannel;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.io.StringReader;

/**
 * The built-in scheme {@code switchboard/v1} ({@code docs/encryption.md}) as the three hooks: the
 * P-256 exchange during {@code authenticate} ({@link KeyAnswer}), sealing with the session's
 * {@link SecureChannel} and opening its client's frames. The channel is a client attribute, so it
 * lives in the session and nowhere else. Stateless itself; the channel is thread-safe.
 */
public final class BuiltInScheme implements HandshakeHandler, OutboundTransformer, InboundTransformer {

    private static final AttributeKey<SecureChannel> CHANNEL = AttributeKey.of("switchboard.channel", SecureChannel.class);

    /** {@code connected.data.encryption}. */
    @JsonbPropertyOrder({"publicKey", "salt"})
    public record Answer(String publicKey, String salt) {
    }

    /** Validates the offer ({@code {"publicKey": B64}}), answers it and keeps the channel in the client. */
    @Override
    public Object onAuthenticate(Client client, String offer) {
        JsonObject object = object(offer);
        if (object == null || !(object.get("publicKey") instanceof JsonString key)) {
            throw new EncryptionException("the encryption offer needs {\"publicKey\": base64 of a P-256 point}");
        }
        KeyAnswer answer = KeyAnswer.answer(key.getString());
        install(client, answer.channel());
        return new Answer(answer.publicKey(), answer.salt());
    }

    /** Makes {@code channel} the client's, wiping a previous one. */
    void install(Client client, SecureChannel channel) {
        SecureChannel previous = client.attribute(CHANNEL, channel);
        if (previous != null && previous != channel) {
            previous.destroy();
        }
    }

    @Override
    public String seal(Client client, String envelopeJson) {
        SecureChannel channel = client.attribute(CHANNEL);
        if (channel == null) {
            throw new EncryptionException("the session's keys are gone");
        }
        return channel.seal(envelopeJson).toJson();
    }

    @Override
    public String open(Client client, String dataJson) {
        SecureChannel channel = client.attribute(CHANNEL);
        JsonObject data = object(dataJson);
        if (channel == null) {
            throw new DecryptionException(DecryptionException.Reason.FORGED, "the session has no keys");
        }
        if (data == null || !(data.get("iv") instanceof JsonString iv) || !(data.get("ct") instanceof JsonString ct)) {
            throw new DecryptionException(DecryptionException.Reason.MALFORMED, "'encrypted' needs data {\"iv\", \"ct\"}");
        }
        return channel.open(iv.getString(), ct.getString());
    }

    /** Wipes the client's keys. Idempotent. */
    @Override
    public void onEnded(Client client) {
        SecureChannel channel = client.attribute(CHANNEL, null);
        if (channel != null) {
            channel.destroy();
        }
    }

    private static JsonObject object(String json) {
        if (json == null) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue() instanceof JsonObject object ? object : null;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }
}
