package dev.switchboard.api.encryption;

/** A server and a client channel from one real key exchange, for tests. */
record Channels(SecureChannel server, SecureChannel client) {

    static Channels exchange() {
        KeyOffer offer = KeyOffer.create();
        KeyAnswer answer = KeyAnswer.answer(offer.publicKey());
        return new Channels(answer.channel(), offer.accept(answer.publicKey(), answer.salt()));
    }
}
