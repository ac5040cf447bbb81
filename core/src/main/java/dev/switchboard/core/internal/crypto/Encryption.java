package dev.switchboard.core.internal.crypto;

import dev.switchboard.api.AttributeKey;
import dev.switchboard.api.ClientState;
import dev.switchboard.api.HandshakeHandler;
import dev.switchboard.api.InboundTransformer;
import dev.switchboard.api.OutboundTransformer;
import dev.switchboard.api.encryption.EncryptionException;
import dev.switchboard.api.encryption.EncryptionMode;
import dev.switchboard.api.encryption.SecureChannel;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.FrameWriter;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.internal.hub.Hooks;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * One hub's per-client encryption: the mode, the scheme (the built-in {@link BuiltInScheme}, or
 * the application's {@link HandshakeHandler}/{@link OutboundTransformer}/{@link InboundTransformer}),
 * the key exchange during {@code authenticate}, and the sealing of outbound frames.
 *
 * <p><b>Sealing is per recipient, at send time, in each socket's single writer</b> (this is the
 * links' {@link FrameWriter}): fan-out still encodes a frame once and queues that one object to
 * every recipient, the replay buffer keeps it in plain text, and only when a connection's writer
 * takes the frame for its socket is it sealed, if that connection is encrypted; plain recipients
 * send the shared text. A connection has at most one send in flight, so its seals run one at a
 * time in queue order: counter order is wire order, and a replay after a resume is sealed afresh
 * with the continuing counter. How this honours {@code encryptedBatchLimit} (at most that many
 * concurrent seals per fan-out): the fan-out thread itself seals only for recipients whose writer
 * was idle, one after another (one seal at a time, below any limit ≥ 1); every other seal runs
 * where that connection's next send runs anyway (its previous send's completion), at most one per
 * connection. No thread ever seals for more than one connection at a time, and no seal waits for
 * another. The limit is therefore kept (validated, default 10) without a sealing pool; a design
 * that seals on a pool must bound it by this value.
 *
 * <p>The ECDH of a key exchange (~10 ms) runs on a small handshake pool, never under a
 * connection's monitor nor on the container's thread. Keys live only in the session (a client
 * attribute, which moves with it across sockets and is served at home for relayed sockets) and
 * are wiped when the session ends, not when it is suspended. Immutable apart from the pool;
 * thread-safe.
 */
public final class Encryption implements FrameWriter {

    /** The built-in default of {@code encryptedBatchLimit}. */
    public static final int DEFAULT_BATCH_LIMIT = 10;

    /** Present on an encrypted client: its frames go through the scheme's transformers. */
    private static final AttributeKey<Boolean> ENCRYPTED = AttributeKey.of("switchboard.encrypted", Boolean.class);

    /** The {@code authenticate} data split in two: the authenticator's credentials and the {@code encryption} offer. */
    public record Offer(JsonValue credentials, String offer) {
    }

    private final EncryptionMode mode;
    private final int batchLimit;
    private final HandshakeHandler handshake;
    private final OutboundTransformer outbound;
    private final InboundTransformer inbound;
    private final BuiltInScheme builtIn;
    private final ExecutorService pool;

    private Encryption(EncryptionMode mode, int batchLimit, HandshakeHandler handshake, OutboundTransformer outbound,
                       InboundTransformer inbound, BuiltInScheme builtIn) {
        this.mode = mode;
        this.batchLimit = batchLimit;
        this.handshake = handshake;
        this.outbound = outbound;
        this.inbound = inbound;
        this.builtIn = builtIn;
        this.pool = mode == EncryptionMode.OFF || handshake == null ? null : Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "switchboard-handshake");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The scheme: the hooks given (or found by {@link java.util.ServiceLoader} when {@code discover}),
     * else the built-in one.
     *
     * @throws IllegalStateException    for a custom scheme without an {@link OutboundTransformer}, or a
     *                                  required mode with custom transformers but no {@link HandshakeHandler}
     * @throws IllegalArgumentException for a batch limit below 1
     */
    public static Encryption resolve(EncryptionMode mode, int batchLimit, HandshakeHandler handshake,
                                     OutboundTransformer outbound, InboundTransformer inbound, boolean discover,
                                     ClassLoader loader) {
        if (mode == null) {
            throw new IllegalArgumentException("encryption mode must be set");
        }
        if (batchLimit < 1) {
            throw new IllegalArgumentException("encryptedBatchLimit must be at least 1, was " + batchLimit);
        }
        if (discover) {
            handshake = handshake != null ? handshake : Hooks.single(HandshakeHandler.class, loader);
            outbound = outbound != null ? outbound : Hooks.single(OutboundTransformer.class, loader);
            inbound = inbound != null ? inbound : Hooks.single(InboundTransformer.class, loader);
        }
        if (handshake == null && outbound == null && inbound == null) {
            BuiltInScheme scheme = new BuiltInScheme();
            return new Encryption(mode, batchLimit, scheme, scheme, scheme, scheme);
        }
        if (outbound == null) {
            throw new IllegalStateException("A custom encryption scheme needs an " + OutboundTransformer.class.getName()
                    + " (set one on Hub.builder() or name it in META-INF/services)");
        }
        if (mode == EncryptionMode.REQUIRED && handshake == null) {
            throw new IllegalStateException("Encryption is required and a custom " + OutboundTransformer.class.getSimpleName()
                    + " is set, but no " + HandshakeHandler.class.getName() + ": clients could never complete a key "
                    + "exchange. Set Hub.builder().handshakeHandler(...) or name one in META-INF/services");
        }
        return new Encryption(mode, batchLimit, handshake, outbound, inbound, null);
    }

    public EncryptionMode mode() {
        return mode;
    }

    public int batchLimit() {
        return batchLimit;
    }

    /** The frame writer of new links: this, or plain when encryption is off. */
    public FrameWriter writer() {
        return mode == EncryptionMode.OFF ? FrameWriter.PLAIN : this;
    }

    /** Whether a client is encrypted. */
    public static boolean isEncrypted(Connection connection) {
        return connection.attribute(ENCRYPTED) != null;
    }

    // ---- key exchange ----

    /** Removes the {@code encryption} member from the {@code authenticate} data (the offer; null when absent or off). */
    public Offer offer(JsonValue data) {
        if (!(data instanceof JsonObject object) || !object.containsKey("encryption")) {
            return new Offer(data, null);
        }
        JsonValue member = object.get("encryption");
        JsonObject credentials = Json.createObjectBuilder(object).remove("encryption").build();
        boolean absent = member.getValueType() == JsonValue.ValueType.NULL || mode == EncryptionMode.OFF;
        return new Offer(credentials, absent ? null : member.toString());
    }

    /** Whether an {@code authenticate} with this offer is refused before it is even authenticated. */
    public boolean refusedUpFront(String offer) {
        return mode == EncryptionMode.REQUIRED && offer == null;
    }

    /** Whether an authenticated client with this offer goes through {@link #handshake} (else it stays plain). */
    public boolean exchanges(String offer) {
        return mode != EncryptionMode.OFF && handshake != null && (offer != null || builtIn == null);
    }

    /**
     * The key exchange for an authenticated client that {@link #exchanges}, on the handshake pool:
     * completes with the {@code connected.data.encryption} value (null: plain), or exceptionally
     * to refuse (4004).
     */
    public CompletionStage<Object> handshake(Connection connection, String offer) {
        if (!exchanges(offer)) {
            return refusedUpFront(offer)
                    ? CompletableFuture.failedFuture(new EncryptionException("no key offered"))
                    : CompletableFuture.completedFuture(null);
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                Object answer = handshake.onAuthenticate(connection, offer);
                if (answer == null && mode == EncryptionMode.REQUIRED) {
                    throw new EncryptionException("the key exchange did not succeed");
                }
                return answer;
            }, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new EncryptionException("the hub is shutting down"));
        }
    }

    /** Makes an authenticated client encrypted from its next frame taken for the socket; false when off. */
    public boolean enable(Connection connection) {
        if (mode == EncryptionMode.OFF || connection.state() == ClientState.DISCONNECTED) {
            return false;
        }
        connection.attribute(ENCRYPTED, Boolean.TRUE);
        return true;
    }

    /**
     * Encrypts a client with a built-in channel its application agreed by other means (a custom
     * handshake). @throws IllegalStateException when the hub uses a custom scheme
     */
    public boolean enable(Connection connection, SecureChannel channel) {
        if (builtIn == null) {
            throw new IllegalStateException("the hub uses a custom encryption scheme; call enableEncryption(clientId)");
        }
        if (mode == EncryptionMode.OFF) {
            return false;
        }
        builtIn.install(connection, channel);
        return enable(connection);
    }

    /**
     * The session ended for good: the scheme wipes its keys. Idempotent: the built-in scheme's wipe
     * is; a custom {@link HandshakeHandler#onEnded} is called once, for a client that was encrypted.
     */
    public void ended(Connection connection) {
        boolean was = connection.attribute(ENCRYPTED, null) != null;
        if (handshake != null && (was || builtIn != null)) {
            handshake.onEnded(connection);
        }
    }

    /** Stops the handshake pool. */
    public void shutdown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    // ---- frames ----

    /** The inbound transformer, or null when the scheme opens no client frames. */
    InboundTransformer inbound() {
        return inbound;
    }

    /** The {@code handshake} event's handler, or null (the built-in scheme has none). */
    HandshakeHandler laterHandshake() {
        return builtIn == null ? handshake : null;
    }

    @Override
    public OutboundFrame wire(Link link, OutboundFrame frame) {
        if (frame.plain()) {
            return frame;
        }
        Connection connection = link.connection();
        if (connection == null || !isEncrypted(connection)) {
            return frame;
        }
        return OutboundFrame.of(outbound.seal(connection, frame.text()));
    }

    /** A socket is done; when it was the last one of a session that ended, the keys go. */
    @Override
    public void closed(Link link) {
        Connection connection = link.connection();
        if (connection != null && connection.link() == link && connection.state() == ClientState.DISCONNECTED) {
            ended(connection);
        }
    }
}
