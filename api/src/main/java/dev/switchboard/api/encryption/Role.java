package dev.switchboard.api.encryption;

/** Which end of the session a {@link SecureChannel} serves: it seals one direction and opens the other. */
public enum Role {
    /** The hub: seals {@link Direction#SERVER_TO_CLIENT}, opens {@link Direction#CLIENT_TO_SERVER}. */
    SERVER,
    /** A client: seals {@link Direction#CLIENT_TO_SERVER}, opens {@link Direction#SERVER_TO_CLIENT}. */
    CLIENT;

    /** The direction this side seals. */
    public Direction sealing() {
        return this == SERVER ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
    }

    /** The direction this side opens. */
    public Direction opening() {
        return this == SERVER ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
    }
}
