package dev.switchboard.api.encryption;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One side of an encrypted session: seals this side's frames with its direction's key and opens
 * the peer's with the other, each direction with its own counter. Thread-safe: the sealing counter
 * is owned by the sealer's lock and the accepted counter by the opener's lock, so seals and opens
 * may run on different threads; {@link #handOff()} and {@link #destroy()} take both in that order,
 * and an atomic flag lets only the first of them act.
 *
 * <p>The receiver refuses a counter that is not greater than the last one, so frames must reach
 * the wire in counter order: a sender with several sealing threads per session must enqueue the
 * frame while the seal's lock is held, with {@link #seal(String, Consumer)}.
 */
public final class SecureChannel {

    private final Role role;
    private final SessionKeys keys;
    private final FrameSealer sealer;
    private final FrameOpener opener;
    private final AtomicBoolean retired = new AtomicBoolean();

    private SecureChannel(Role role, SessionKeys keys, long lastSealed, long lastOpened) {
        if (role == null || keys == null) {
            throw new IllegalArgumentException("role and keys are required");
        }
        if (keys.isDestroyed()) {
            throw new EncryptionException("keys are destroyed");
        }
        if (!keys.claim()) {
            throw new EncryptionException("keys already belong to a channel (a snapshot restored twice?)");
        }
        this.role = role;
        this.keys = keys;
        this.sealer = new FrameSealer(keys.secretKey(role.sealing()), lastSealed);
        this.opener = new FrameOpener(keys.secretKey(role.opening()), lastOpened);
    }

    /** A new session's channel: the first frame sealed uses counter 1, any counter ≥ 1 may be opened first. */
    public static SecureChannel create(Role role, SessionKeys keys) {
        return new SecureChannel(role, keys, 0, 0);
    }

    /**
     * A channel that continues a {@linkplain #handOff() handed-off} one: sealing resumes at
     * {@code lastSealed + 1}, opening accepts only counters above {@code lastOpened}. The channel
     * takes ownership of the snapshot's keys.
     *
     * @throws EncryptionException if the keys are destroyed or the snapshot was already restored
     */
    public static SecureChannel restore(Role role, ChannelSnapshot snapshot) {
        return new SecureChannel(role, snapshot.keys(), snapshot.lastSealed(), snapshot.lastOpened());
    }

    public Role role() {
        return role;
    }

    /**
     * Seals the exact UTF-8 JSON envelope text that would otherwise be sent.
     *
     * @throws EncryptionException if the channel is destroyed or handed off, or the counter ran out
     */
    public SealedFrame seal(String envelopeJson) {
        return sealer.seal(envelopeJson, null);
    }

    /**
     * Seals like {@link #seal(String)} and passes the frame to {@code whileLocked} before any other
     * seal of this channel can take the next counter, so enqueueing there keeps wire order equal to
     * counter order. {@code whileLocked} must be quick and must not block.
     */
    public SealedFrame seal(String envelopeJson, Consumer<? super SealedFrame> whileLocked) {
        return sealer.seal(envelopeJson, whileLocked);
    }

    /**
     * Opens a peer frame's {@code data.iv} and {@code data.ct}: the plaintext envelope text.
     *
     * @throws DecryptionException if the frame is malformed, replayed/reordered or forged; the
     *                             frame must then not be processed
     * @throws EncryptionException if the channel is destroyed or handed off
     */
    public String open(String iv, String ct) {
        return opener.open(iv, ct);
    }

    /** The counter of the last frame this side sealed (0: none). */
    public long lastSealed() {
        return sealer.last();
    }

    /** The counter of the last peer frame this side accepted (0: none). */
    public long lastOpened() {
        return opener.last();
    }

    /**
     * Retires this channel (it seals and opens no more) and returns its keys and counters for
     * {@link #restore(Role, ChannelSnapshot)}. The keys are not wiped; a later {@link #destroy()}
     * of this channel leaves them to the new owner.
     *
     * @throws EncryptionException if this channel was already handed off or destroyed
     */
    public ChannelSnapshot handOff() {
        if (!retired.compareAndSet(false, true)) {
            throw new EncryptionException("channel already handed off or destroyed");
        }
        long sealed = sealer.retire();
        long opened = opener.retire();
        keys.release();
        return new ChannelSnapshot(keys, sealed, opened);
    }

    /** Retires this channel and zeroes its keys (on disconnect or session end). Idempotent; no-op after a hand-off. */
    public void destroy() {
        if (!retired.compareAndSet(false, true)) {
            return;
        }
        sealer.retire();
        opener.retire();
        keys.destroy();
    }

    public boolean isDestroyed() {
        return keys.isDestroyed();
    }

    @Override
    public String toString() {
        return "SecureChannel[" + role + ", sealed " + Long.toUnsignedString(lastSealed())
                + ", opened " + Long.toUnsignedString(lastOpened()) + (isDestroyed() ? ", destroyed]" : "]");
    }
}
