package dev.switchboard.api.encryption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyExchangeTest {

    @Test
    void curveConstantsMatchTheJdk() {
        var curve = KeyExchange.curve();
        assertEquals(P256Math.P, ((ECFieldFp) curve.getCurve().getField()).getP());
        assertEquals(P256Math.A, curve.getCurve().getA());
        assertEquals(P256Math.B, curve.getCurve().getB());
        assertEquals(P256Math.GX, curve.getGenerator().getAffineX());
        assertEquals(P256Math.N, curve.getOrder());
        assertEquals(1, curve.getCofactor());
    }

    @Test
    void publicKeyIsA65ByteUncompressedPointInStandardBase64() {
        KeyPair pair = KeyExchange.generateKeyPair();
        String wire = KeyExchange.encodePublicKey((ECPublicKey) pair.getPublic());
        byte[] point = Base64.getDecoder().decode(wire);
        assertEquals(88, wire.length());
        assertEquals(65, point.length);
        assertEquals(4, point[0]);
        assertEquals(pair.getPublic(), KeyExchange.decodePublicKey(wire));
        BigInteger d = ((ECPrivateKey) pair.getPrivate()).getS();
        assertArrayEquals(P256Math.uncompressed(P256Math.multiplyG(d)), point, "public point = d·G");
    }

    @Test
    void bothSidesAgreeOnZ() {
        KeyPair a = KeyExchange.generateKeyPair();
        KeyPair b = KeyExchange.generateKeyPair();
        byte[] zA = KeyExchange.sharedSecret(a.getPrivate(), (ECPublicKey) b.getPublic());
        byte[] zB = KeyExchange.sharedSecret(b.getPrivate(), (ECPublicKey) a.getPublic());
        assertEquals(32, zA.length);
        assertArrayEquals(zA, zB);
        BigInteger[] shared = P256Math.multiply(((ECPrivateKey) a.getPrivate()).getS(),
                new BigInteger[] {((ECPublicKey) b.getPublic()).getW().getAffineX(),
                        ((ECPublicKey) b.getPublic()).getW().getAffineY()});
        assertArrayEquals(Bytes.unsigned(shared[0], 32), zA, "Z is the x-coordinate");
    }

    @Test
    void privateScalarRoundTrips() {
        KeyPair pair = KeyExchange.generateKeyPair();
        byte[] scalar = KeyExchange.encodeScalar((ECPrivateKey) pair.getPrivate());
        assertEquals(32, scalar.length);
        assertEquals(((ECPrivateKey) pair.getPrivate()).getS(), KeyExchange.privateKey(scalar).getS());
        assertThrows(EncryptionException.class, () -> KeyExchange.privateKey(new byte[32]));
        assertThrows(EncryptionException.class, () -> KeyExchange.privateKey(Bytes.unsigned(P256Math.N, 32)));
        assertThrows(EncryptionException.class, () -> KeyExchange.privateKey(new byte[31]));
    }

    @Test
    void wrongLengthsAreRejected() {
        byte[] point = validPoint();
        rejected(Arrays.copyOf(point, 64));
        rejected(Arrays.copyOf(point, 66));
        rejected(new byte[0]);
        byte[] compressed = Arrays.copyOf(point, 33);
        compressed[0] = (byte) (2 + (point[64] & 1));
        rejected(compressed);
        assertThrows(EncryptionException.class, () -> KeyExchange.decodePoint(null));
    }

    @Test
    void wrongPrefixIsRejected() {
        for (int prefix : new int[] {0, 2, 3, 5, 6, 7, 0x84}) {
            byte[] point = validPoint();
            point[0] = (byte) prefix;
            rejected(point);
        }
    }

    @Test
    void pointsOffTheCurveAreRejected() {
        byte[] point = validPoint();
        point[64] ^= 1;
        rejected(point);
        rejected(P256Math.uncompressed(new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO}));
        byte[] xTooBig = validPoint();
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(xTooBig, 1, 33)).add(P256Math.P);
        if (x.bitLength() <= 256) {
            System.arraycopy(Bytes.unsigned(x, 32), 0, xTooBig, 1, 32);
            rejected(xTooBig);
        }
        byte[] allOnes = new byte[65];
        Arrays.fill(allOnes, (byte) 0xff);
        allOnes[0] = 4;
        rejected(allOnes);
    }

    @Test
    void badBase64IsRejected() {
        String wire = Base64.getEncoder().encodeToString(validPoint());
        for (String bad : new String[] {"", "!!!!", wire.substring(0, 87), wire.replace("=", ""), wire + "=",
                " " + wire, wire + "\n", Base64.getUrlEncoder().encodeToString(validPointWithUrlChars()),
                wire.substring(0, 86) + "B="}) {
            if (!bad.equals(wire)) {
                assertThrows(EncryptionException.class, () -> KeyExchange.decodePublicKey(bad), bad);
            }
        }
        assertThrows(EncryptionException.class, () -> KeyExchange.decodePublicKey(null));
    }

    private static byte[] validPoint() {
        return KeyExchange.encodePoint((ECPublicKey) KeyExchange.generateKeyPair().getPublic());
    }

    /** A valid point whose base64 contains '+' or '/', so its URL-safe form differs. */
    private static byte[] validPointWithUrlChars() {
        while (true) {
            byte[] point = validPoint();
            String standard = Base64.getEncoder().encodeToString(point);
            if (standard.contains("+") || standard.contains("/")) {
                return point;
            }
        }
    }

    private static void rejected(byte[] point) {
        EncryptionException e = assertThrows(EncryptionException.class, () -> KeyExchange.decodePoint(point));
        assertTrue(e.getMessage().contains("public key"), e.getMessage());
        assertThrows(EncryptionException.class,
                () -> KeyExchange.decodePublicKey(Base64.getEncoder().encodeToString(point)));
    }
}
