package dev.switchboard.api.encryption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.encryption.DecryptionException.Reason;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecureChannelTest {

    private static final String CHAT = "{\"event\":\"chat\",\"seq\":7,\"data\":{\"text\":\"h\u00e9llo \u2713 \uD83D\uDE80\"}}";

    @Test
    void roundTripsBothDirections() {
        Channels c = Channels.exchange();
        SealedFrame down = c.server().seal(CHAT);
        assertEquals(1, down.counter());
        assertEquals("AAAAAAAAAAAAAAAB", down.iv());
        assertEquals(CHAT, c.client().open(down.iv(), down.ct()));
        SealedFrame up = c.client().seal("{\"event\":\"join\",\"data\":{\"rooms\":[\"lobby\"]}}");
        assertEquals(1, up.counter());
        assertEquals("{\"event\":\"join\",\"data\":{\"rooms\":[\"lobby\"]}}", c.server().open(up.iv(), up.ct()));
        SealedFrame empty = c.server().seal("");
        assertEquals("", c.client().open(empty.iv(), empty.ct()));
    }

    @Test
    void ciphertextIsPlaintextLengthPlusTagAndFrameJsonIsExact() {
        Channels c = Channels.exchange();
        SealedFrame frame = c.server().seal("{}");
        assertEquals(2 + 16, Base64.getDecoder().decode(frame.ct()).length);
        assertEquals("{\"event\":\"encrypted\",\"data\":{\"iv\":\"" + frame.iv() + "\",\"ct\":\"" + frame.ct() + "\"}}",
                frame.toJson());
    }

    @Test
    void countersIncreaseByOnePerFrameAndDirection() {
        Channels c = Channels.exchange();
        for (long i = 1; i <= 5; i++) {
            SealedFrame frame = c.server().seal("{\"n\":" + i + "}");
            assertEquals(i, frame.counter());
            assertArrayEquals(FrameSealer.iv(i), Base64.getDecoder().decode(frame.iv()));
            c.client().open(frame.iv(), frame.ct());
        }
        assertEquals(1, c.client().seal("{}").counter());
        assertEquals(5, c.server().lastSealed());
        assertEquals(5, c.client().lastOpened());
    }

    @Test
    void tamperedIvCiphertextOrTagIsRejectedAndDoesNotMoveTheCounter() {
        Channels c = Channels.exchange();
        SealedFrame frame = c.server().seal(CHAT);
        byte[] ct = Base64.getDecoder().decode(frame.ct());
        for (int i : new int[] {0, ct.length / 2, ct.length - 17, ct.length - 16, ct.length - 1}) {
            byte[] bad = ct.clone();
            bad[i] ^= 0x01;
            refused(c.client(), frame.iv(), Base64.getEncoder().encodeToString(bad), Reason.FORGED);
        }
        refused(c.client(), Base64.getEncoder().encodeToString(FrameSealer.iv(2)), frame.ct(), Reason.FORGED);
        byte[] iv = FrameSealer.iv(1);
        iv[0] = 1;
        refused(c.client(), Base64.getEncoder().encodeToString(iv), frame.ct(), Reason.MALFORMED);
        refused(c.client(), frame.iv(), Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(ct, 15)), Reason.MALFORMED);
        refused(c.client(), frame.iv(), Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(ct, ct.length - 1)), Reason.FORGED);
        assertEquals(0, c.client().lastOpened());
        assertEquals(CHAT, c.client().open(frame.iv(), frame.ct()), "the genuine frame still opens");
    }

    @Test
    void malformedPartsAreRejected() {
        Channels c = Channels.exchange();
        SealedFrame frame = c.server().seal(CHAT);
        refused(c.client(), null, frame.ct(), Reason.MALFORMED);
        refused(c.client(), frame.iv(), null, Reason.MALFORMED);
        refused(c.client(), "AAAAAAAAAAAAAAA", frame.ct(), Reason.MALFORMED);
        refused(c.client(), "AAAAAAAAAAAAAAAB==", frame.ct(), Reason.MALFORMED);
        refused(c.client(), "AAAAAAAAAAAAAAAAAAAAAAAB", frame.ct(), Reason.MALFORMED);
        refused(c.client(), frame.iv(), frame.ct() + "!", Reason.MALFORMED);
        refused(c.client(), frame.iv(), frame.ct().replace('+', '-').replace('/', '_') + "\n", Reason.MALFORMED);
        refused(c.client(), Base64.getEncoder().encodeToString(FrameSealer.iv(0)), frame.ct(), Reason.REPLAYED);
    }

    @Test
    void replayedFrameIsRejected() {
        Channels c = Channels.exchange();
        SealedFrame frame = c.client().seal("{\"event\":\"buy\",\"data\":1}");
        c.server().open(frame.iv(), frame.ct());
        refused(c.server(), frame.iv(), frame.ct(), Reason.REPLAYED);
        assertEquals(1, c.server().lastOpened());
    }

    @Test
    void reorderedFramesAreRejected() {
        Channels c = Channels.exchange();
        SealedFrame first = c.server().seal("{\"n\":1}");
        SealedFrame second = c.server().seal("{\"n\":2}");
        SealedFrame third = c.server().seal("{\"n\":3}");
        assertEquals("{\"n\":2}", c.client().open(second.iv(), second.ct()));
        refused(c.client(), first.iv(), first.ct(), Reason.REPLAYED);
        assertEquals("{\"n\":3}", c.client().open(third.iv(), third.ct()));
    }

    @Test
    void wrongKeyIsRejected() {
        Channels one = Channels.exchange();
        Channels other = Channels.exchange();
        SealedFrame frame = one.server().seal(CHAT);
        refused(other.client(), frame.iv(), frame.ct(), Reason.FORGED);
        assertEquals(CHAT, one.client().open(frame.iv(), frame.ct()));
    }

    @Test
    void eachSideOpensOnlyThePeersDirection() {
        Channels c = Channels.exchange();
        SealedFrame down = c.server().seal(CHAT);
        refused(c.server(), down.iv(), down.ct(), Reason.FORGED);
        SealedFrame up = c.client().seal(CHAT);
        refused(c.client(), up.iv(), up.ct(), Reason.FORGED);
        assertEquals(Role.SERVER, c.server().role());
        assertEquals(Direction.SERVER_TO_CLIENT, Role.SERVER.sealing());
        assertEquals(Direction.CLIENT_TO_SERVER, Role.CLIENT.sealing());
    }

    @Test
    void countersContinueAcrossAHandOff() {
        Channels c = Channels.exchange();
        for (int i = 0; i < 3; i++) {
            SealedFrame f = c.server().seal("{}");
            c.client().open(f.iv(), f.ct());
            SealedFrame g = c.client().seal("{}");
            c.server().open(g.iv(), g.ct());
        }
        SealedFrame replayLater = c.client().seal("{\"late\":true}");
        c.server().open(replayLater.iv(), replayLater.ct());
        ChannelSnapshot snapshot = c.server().handOff();
        assertEquals(3, snapshot.lastSealed());
        assertEquals(4, snapshot.lastOpened());
        assertThrows(EncryptionException.class, () -> c.server().seal("{}"), "the old channel is retired");
        assertThrows(EncryptionException.class, () -> c.server().handOff());

        SecureChannel moved = SecureChannel.restore(Role.SERVER, snapshot);
        SealedFrame next = moved.seal(CHAT);
        assertEquals(4, next.counter());
        assertEquals(CHAT, c.client().open(next.iv(), next.ct()));
        refused(moved, replayLater.iv(), replayLater.ct(), Reason.REPLAYED);
        SealedFrame up = c.client().seal("{}");
        assertEquals("{}", moved.open(up.iv(), up.ct()));

        assertThrows(EncryptionException.class, () -> SecureChannel.restore(Role.SERVER, snapshot),
                "one snapshot restored twice would reuse nonces");
        c.server().destroy();
        SealedFrame afterOldDestroyed = moved.seal(CHAT);
        assertEquals(CHAT, c.client().open(afterOldDestroyed.iv(), afterOldDestroyed.ct()),
                "destroying the handed-off channel leaves the new owner's keys alone");
    }

    @Test
    void destroyWipesTheKeysAndStopsTheChannel() throws Exception {
        Channels c = Channels.exchange();
        SealedFrame frame = c.server().seal(CHAT);
        SessionKeys keys = keysOf(c.server());
        c.server().destroy();
        c.server().destroy();
        assertTrue(c.server().isDestroyed());
        assertThrows(EncryptionException.class, () -> c.server().seal(CHAT));
        assertThrows(EncryptionException.class, () -> c.server().open(frame.iv(), frame.ct()));
        for (Direction d : Direction.values()) {
            var field = AesKey.class.getDeclaredField("key");
            field.setAccessible(true);
            assertArrayEquals(new byte[32], (byte[]) field.get(keys.secretKey(d)), "zeroed " + d);
        }
        assertThrows(IllegalStateException.class, () -> keys.key(Direction.SERVER_TO_CLIENT));
        assertThrows(EncryptionException.class, () -> SecureChannel.restore(Role.SERVER, new ChannelSnapshot(keys, 0, 0)));
    }

    private static SessionKeys keysOf(SecureChannel channel) throws Exception {
        var field = SecureChannel.class.getDeclaredField("keys");
        field.setAccessible(true);
        return (SessionKeys) field.get(channel);
    }

    static void refused(SecureChannel channel, String iv, String ct, Reason reason) {
        long before = channel.lastOpened();
        DecryptionException e = assertThrows(DecryptionException.class, () -> channel.open(iv, ct));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(before, channel.lastOpened(), "a refused frame never moves the counter");
    }
}
