package dev.switchboard.api.encryption;

/**
 * What a session's encryption consists of, to move it from one {@link SecureChannel} object to
 * another: the keys and the two counters. Made by {@link SecureChannel#handOff()}, which retires
 * the old channel, and consumed by {@link SecureChannel#restore(Role, ChannelSnapshot)}; restoring
 * one snapshot twice is refused, because two channels sealing from the same counter would reuse
 * GCM nonces.
 *
 * @param keys       the session's keys (owned by the channel restored from this snapshot)
 * @param lastSealed the counter of the last frame sealed (0: none yet); the next seal uses lastSealed + 1
 * @param lastOpened the counter of the last frame accepted (0: none yet), compared unsigned
 */
public record ChannelSnapshot(SessionKeys keys, long lastSealed, long lastOpened) {

    public ChannelSnapshot {
        if (keys == null) {
            throw new IllegalArgumentException("keys are required");
        }
    }
}
