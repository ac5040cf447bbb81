package dev.switchboard.client;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.encryption.DecryptionException;
import dev.switchboard.api.encryption.EncryptionException;
import dev.switchboard.api.encryption.KeyOffer;
import dev.switchboard.api.encryption.SealedFrame;
import dev.switchboard.api.encryption.SecureChannel;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The client's side of the built-in scheme ({@code docs/encryption.md}), with
 * {@link SwitchboardClientBuilder#encryption(boolean)}: a fresh key offer in every
 * {@code authenticate}, the session's channel from the answer in {@code connected}, every other
 * outgoing frame sealed ({@code resume} and {@code heartbeat} stay plain), every server frame
 * opened. The channel belongs to the session, not the socket: it survives reconnects and resumes
 * with its counters, and is replaced when the client authenticates anew. Thread-safe: the offer and
 * the channel are guarded by this object's monitor; the caller seals in wire order (see
 * {@link #outbound}).
 */
final class ClientEncryption {

    private static final System.Logger LOG = System.getLogger(ClientEncryption.class.getName());
    private static final Set<String> PLAIN_OUT = Set.of("resume", "heartbeat");

    private final boolean enabled;
    private KeyOffer offer;
    private SecureChannel channel;

    ClientEncryption(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * The wire text of an outgoing envelope: {@code authenticate} with a fresh offer (the previous
     * session's keys are wiped), {@code resume}/{@code heartbeat} plain, anything else sealed once
     * there is a channel. Callers that seal must call this in the order frames reach the socket.
     */
    synchronized String outbound(String event, String text) {
        if (!enabled || PLAIN_OUT.contains(event)) {
            return text;
        }
        if ("authenticate".equals(event)) {
            return offer(text);
        }
        return channel == null ? text : channel.seal(text).toJson();
    }

    /** A frame queued while reconnecting, sealed as it is sent (never an authenticate). */
    String seal(String text) {
        return outbound("", text);
    }

    private String offer(String text) {
        JsonObject envelope = object(text);
        JsonValue data = envelope.get("data");
        if (data != null && !(data instanceof JsonObject)) {
            throw new IllegalArgumentException("encrypted clients authenticate with object credentials");
        }
        wipe();
        offer = KeyOffer.create();
        JsonObject credentials = Json.createObjectBuilder(data == null ? JsonValue.EMPTY_JSON_OBJECT : (JsonObject) data)
                .add("encryption", Json.createObjectBuilder().add("publicKey", offer.publicKey())).build();
        return Json.createObjectBuilder(envelope).add("data", credentials).build().toString();
    }

    /**
     * The envelope inside a sealed server frame, or null for a plain one the client accepts
     * ({@code connected}, {@code error}, {@code heartbeat}, a refused {@code resumed}, or anything
     * while it has no channel).
     *
     * @throws DecryptionException   when a sealed frame does not open (the client closes with 4010)
     * @throws IllegalStateException for a plain frame that should have been sealed (ignored)
     */
    synchronized String open(Codec.Frame frame) {
        if (SealedFrame.EVENT.equals(frame.event())) {
            if (channel == null || !(frame.data() instanceof JsonObject data)
                    || !(data.get("iv") instanceof JsonString iv) || !(data.get("ct") instanceof JsonString ct)) {
                throw new DecryptionException(DecryptionException.Reason.MALFORMED, "not a sealed frame of this session");
            }
            return channel.open(iv.getString(), ct.getString());
        }
        boolean refusal = "resumed".equals(frame.event()) && frame.data() instanceof JsonObject data
                && !data.getBoolean("recovered", false);
        if (channel != null && !refusal && !Set.of("connected", "error", "heartbeat").contains(frame.event())) {
            throw new IllegalStateException("a plain '" + frame.event() + "' on an encrypted session");
        }
        return null;
    }

    /** {@code connected}: completes the exchange. @return false when it carries no valid answer (close 4004) */
    synchronized boolean accept(JsonValue data) {
        KeyOffer pending = offer;
        offer = null;
        if (pending == null || !(data instanceof JsonObject object)
                || !(object.get("encryption") instanceof JsonObject answer)
                || !(answer.get("publicKey") instanceof JsonString key) || !(answer.get("salt") instanceof JsonString salt)) {
            return false;
        }
        try {
            channel = pending.accept(key.getString(), salt.getString());
            return true;
        } catch (EncryptionException e) {
            return false;
        }
    }

    /** The client ended: the keys go. */
    synchronized void wipe() {
        if (channel != null) {
            channel.destroy();
            channel = null;
        }
    }

    /**
     * A server frame, opened: null when it is ignored (a plain frame that should have been sealed)
     * or refused, by closing {@code from} with 4010 (a sealed frame that does not open) or 4004
     * (a {@code connected} without a valid answer).
     */
    /**
     * The frames a server frame stands for: itself when plain, else its opened plaintext, split on
     * {@code \n} when the server batched several envelopes before sealing them once; null when it
     * could not be opened (the socket is then closed with 4010) or came without keys (4004).
     */
    List<Codec.Frame> inbound(Transport from, Codec codec, Codec.Frame frame, Duration closeTimeout) {
        if (!enabled()) {
            return List.of(frame);
        }
        List<Codec.Frame> opened = new ArrayList<>();
        try {
            String inner = open(frame);
            if (inner == null) {
                opened.add(frame);
            } else {
                for (String piece : inner.split("\n")) {
                    if (!piece.isEmpty()) {
                        opened.add(codec.parse(piece));
                    }
                }
            }
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring a frame: {0}", e.getMessage());
            return null;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A server frame did not decrypt; closing with 4010");
            from.close(CloseCodes.DECRYPTION_FAILED, "Decryption failed", closeTimeout);
            return null;
        }
        for (Codec.Frame open : opened) {
            if ("connected".equals(open.event()) && !accept(open.data())) {
                LOG.log(System.Logger.Level.WARNING, "The server answered without encryption keys; closing with 4004");
                from.close(CloseCodes.ENCRYPTION_REQUIRED, "Encryption required", closeTimeout);
                return null;
            }
        }
        return opened;
    }

    private static JsonObject object(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
