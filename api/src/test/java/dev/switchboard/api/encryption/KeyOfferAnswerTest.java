package dev.switchboard.api.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyOfferAnswerTest {

    @Test
    void offerAndAnswerGiveMatchingChannels() {
        KeyOffer offer = KeyOffer.create();
        KeyAnswer answer = KeyAnswer.answer(offer.publicKey());
        assertEquals(32, Base64.getDecoder().decode(answer.salt()).length);
        assertEquals(65, Base64.getDecoder().decode(answer.publicKey()).length);
        SecureChannel client = offer.accept(answer.publicKey(), answer.salt());
        assertEquals(Role.CLIENT, client.role());
        assertEquals(Role.SERVER, answer.channel().role());
        SealedFrame up = client.seal("{\"event\":\"ping\"}");
        assertEquals("{\"event\":\"ping\"}", answer.channel().open(up.iv(), up.ct()));
    }

    @Test
    void everyAnswerHasItsOwnKeyAndSalt() {
        KeyOffer offer = KeyOffer.create();
        KeyAnswer a = KeyAnswer.answer(offer.publicKey());
        KeyAnswer b = KeyAnswer.answer(offer.publicKey());
        assertEquals(false, a.salt().equals(b.salt()));
        assertEquals(false, a.publicKey().equals(b.publicKey()));
    }

    @Test
    void invalidClientKeyIsRefused() {
        assertThrows(EncryptionException.class, () -> KeyAnswer.answer(null));
        assertThrows(EncryptionException.class, () -> KeyAnswer.answer("not base64!"));
        assertThrows(EncryptionException.class, () -> KeyAnswer.answer(Base64.getEncoder().encodeToString(new byte[65])));
    }

    @Test
    void invalidAnswersAreRefusedAndAnOfferIsSingleUse() {
        KeyOffer offer = KeyOffer.create();
        KeyAnswer answer = KeyAnswer.answer(offer.publicKey());
        String shortSalt = Base64.getEncoder().encodeToString(new byte[31]);
        assertThrows(EncryptionException.class, () -> offer.accept(answer.publicKey(), shortSalt));
        assertThrows(EncryptionException.class, () -> offer.accept(answer.publicKey(), answer.salt().replace("=", "")));
        assertThrows(EncryptionException.class, () -> offer.accept(offer.publicKey().substring(4), answer.salt()));
        offer.accept(answer.publicKey(), answer.salt());
        assertThrows(EncryptionException.class, () -> offer.accept(answer.publicKey(), answer.salt()));
    }
}
