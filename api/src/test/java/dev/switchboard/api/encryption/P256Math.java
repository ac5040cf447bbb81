package dev.switchboard.api.encryption;

import java.math.BigInteger;

/**
 * Textbook affine P-256 arithmetic over BigInteger with the SEC 2 constants, independent of the
 * JCA, to check public points against private scalars in tests. Slow and not constant-time:
 * test use only. Stateless.
 */
final class P256Math {

    static final BigInteger P = hex("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
    static final BigInteger A = P.subtract(BigInteger.valueOf(3));
    static final BigInteger B = hex("5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B");
    static final BigInteger GX = hex("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296");
    static final BigInteger GY = hex("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5");
    static final BigInteger N = hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    private P256Math() {
    }

    /** d·G as {x, y}. */
    static BigInteger[] multiplyG(BigInteger d) {
        return multiply(d, new BigInteger[] {GX, GY});
    }

    /** d·Q by double-and-add; {@code null} is the point at infinity. */
    static BigInteger[] multiply(BigInteger d, BigInteger[] q) {
        BigInteger[] result = null;
        for (int i = d.bitLength() - 1; i >= 0; i--) {
            result = add(result, result);
            if (d.testBit(i)) {
                result = add(result, q);
            }
        }
        return result;
    }

    static BigInteger[] add(BigInteger[] p1, BigInteger[] p2) {
        if (p1 == null) {
            return p2;
        }
        if (p2 == null) {
            return p1;
        }
        BigInteger lambda;
        if (p1[0].equals(p2[0])) {
            if (!p1[1].equals(p2[1]) || p1[1].signum() == 0) {
                return null;
            }
            lambda = p1[0].pow(2).multiply(BigInteger.valueOf(3)).add(A)
                    .multiply(p1[1].shiftLeft(1).modInverse(P)).mod(P);
        } else {
            lambda = p2[1].subtract(p1[1]).multiply(p2[0].subtract(p1[0]).modInverse(P)).mod(P);
        }
        BigInteger x = lambda.pow(2).subtract(p1[0]).subtract(p2[0]).mod(P);
        BigInteger y = lambda.multiply(p1[0].subtract(x)).subtract(p1[1]).mod(P);
        return new BigInteger[] {x, y};
    }

    /** The 65-byte uncompressed encoding of (x, y). */
    static byte[] uncompressed(BigInteger[] point) {
        byte[] out = new byte[65];
        out[0] = 4;
        System.arraycopy(Bytes.unsigned(point[0], 32), 0, out, 1, 32);
        System.arraycopy(Bytes.unsigned(point[1], 32), 0, out, 33, 32);
        return out;
    }

    static BigInteger hex(String hex) {
        return new BigInteger(hex, 16);
    }
}
