package dev.switchboard.api;

/**
 * The key exchange of an encryption scheme. The hub's built-in scheme ({@code switchboard/v1},
 * {@code docs/encryption.md}) is one implementation; set another on the builder or name it in
 * {@code META-INF/services/dev.switchboard.api.HandshakeHandler}, together with the
 * {@link OutboundTransformer} and {@link InboundTransformer} of the same scheme. Per-client key
 * material belongs in the client's attributes ({@link Client#attribute}): they stay with the
 * session across resumes and node hops. Implementations must be thread-safe.
 */
public interface HandshakeHandler {

    /**
     * The exchange during {@code authenticate}, after the authenticator accepted and before
     * {@code connected} is sent; it runs on the hub's handshake thread, holding no lock.
     *
     * @param client the client being admitted (AUTHENTICATING; its identity is set)
     * @param offer  the {@code encryption} member of the {@code authenticate} data as JSON text
     *               (removed before the authenticator saw the credentials), or {@code null} when absent
     * @return the value sent as {@code connected.data.encryption} (encoded with JSON-B); from then
     *         on the client is encrypted. {@code null}: the client stays plain (refused with
     *         {@code ENCRYPTION_REQUIRED} and 4004 in required mode)
     * @throws RuntimeException to refuse the offer: {@code ENCRYPTION_REQUIRED} and close 4004
     */
    Object onAuthenticate(Client client, String offer);

    /**
     * A {@code handshake} event from an authenticated plain client: a key exchange after
     * {@code connected} (the optional flow, in optional mode). Runs on the thread that delivered
     * the frame. The default refuses the event ({@code UNKNOWN_EVENT}).
     *
     * @return the answer, sent plain as {@code {"event":"handshake","id":<the event's id>,"data":answer}};
     *         the client is encrypted from the next frame written after it. {@code null}: no
     *         answer, the client stays plain (the handler may still call {@code hub.enableEncryption})
     */
    default Object onHandshake(Client client, Message message) throws Exception {
        throw new UnsupportedOperationException("no handshake event in this scheme");
    }

    /** The client's session ended for good (not a suspension): wipe its keys. */
    default void onEnded(Client client) {
    }
}
