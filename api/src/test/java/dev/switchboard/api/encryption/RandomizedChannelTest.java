package dev.switchboard.api.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.encryption.DecryptionException.Reason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks over seeded random inputs (the seed is printed in each failure message):
 * any text round-trips, any single flipped bit is refused, and the opener accepts exactly the
 * frames whose counter exceeds every counter accepted before.
 */
class RandomizedChannelTest {

    private static final long SEED = 0x5EEDL;

    @Test
    void anyTextRoundTrips() {
        Random random = new Random(SEED);
        Channels c = Channels.exchange();
        for (int i = 0; i < 500; i++) {
            String text = randomText(random, random.nextInt(300));
            SealedFrame frame = c.server().seal(text);
            assertEquals(text, c.client().open(frame.iv(), frame.ct()), "seed " + SEED + " case " + i);
        }
    }

    @Test
    void anyFlippedBitIsRefused() {
        Random random = new Random(SEED);
        Channels c = Channels.exchange();
        for (int i = 0; i < 300; i++) {
            SealedFrame frame = c.server().seal(randomText(random, 1 + random.nextInt(100)));
            byte[] ct = Base64.getDecoder().decode(frame.ct());
            byte[] iv = Base64.getDecoder().decode(frame.iv());
            boolean inIv = random.nextInt(4) == 0;
            byte[] target = inIv ? iv : ct;
            int bit = random.nextInt(target.length * 8);
            target[bit / 8] ^= (byte) (1 << (bit % 8));
            long before = c.client().lastOpened();
            try {
                c.client().open(Base64.getEncoder().encodeToString(iv), Base64.getEncoder().encodeToString(ct));
                throw new AssertionError("seed " + SEED + " case " + i + ": flipped bit " + bit + " accepted");
            } catch (DecryptionException expected) {
                assertEquals(before, c.client().lastOpened());
            }
            assertEquals(frame.counter(), counterOf(c.client(), frame), "the genuine frame still opens");
        }
    }

    @Test
    void acceptsExactlyTheFramesAboveTheHighestAcceptedCounter() {
        Random random = new Random(SEED);
        for (int round = 0; round < 20; round++) {
            Channels c = Channels.exchange();
            List<SealedFrame> sealed = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sealed.add(c.client().seal("{\"i\":" + i + "}"));
            }
            long highest = 0;
            for (int delivery = 0; delivery < 80; delivery++) {
                SealedFrame frame = sealed.get(random.nextInt(sealed.size()));
                boolean expected = frame.counter() > highest;
                try {
                    assertEquals("{\"i\":" + (frame.counter() - 1) + "}", c.server().open(frame.iv(), frame.ct()));
                    assertEquals(true, expected, "seed " + SEED + " round " + round + ": accepted " + frame.counter());
                    highest = frame.counter();
                } catch (DecryptionException e) {
                    assertEquals(false, expected, "seed " + SEED + " round " + round + ": refused " + frame.counter());
                    assertEquals(Reason.REPLAYED, e.reason());
                }
                assertEquals(highest, c.server().lastOpened());
            }
        }
    }

    private static long counterOf(SecureChannel opener, SealedFrame frame) {
        opener.open(frame.iv(), frame.ct());
        return opener.lastOpened();
    }

    /** Random text over ASCII, JSON specials, Latin-1, CJK and astral code points (valid UTF-16 only). */
    private static String randomText(Random random, int codePoints) {
        int[] ranges = {0x20, 0x7e, 0x00, 0x1f, 0xa0, 0xff, 0x4e00, 0x9fff, 0x1f300, 0x1f6ff};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int r = random.nextInt(ranges.length / 2) * 2;
            out.appendCodePoint(ranges[r] + random.nextInt(ranges[r + 1] - ranges[r] + 1));
        }
        return out.toString();
    }
}
