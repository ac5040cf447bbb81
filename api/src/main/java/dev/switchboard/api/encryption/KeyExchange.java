package dev.switchboard.api.encryption;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import javax.crypto.KeyAgreement;

/**
 * P-256 (secp256r1) ephemeral key pairs, their 65-byte uncompressed wire encoding, strict
 * validation of a peer's point, and ECDH. Stateless and thread-safe.
 */
public final class KeyExchange {

    /** Length of an uncompressed P-256 point: {@code 0x04 ‖ x ‖ y}. */
    public static final int POINT_LENGTH = 65;
    /** Length of the ECDH shared secret Z (the x-coordinate) and of a private scalar. */
    public static final int SECRET_LENGTH = 32;

    private static final ECParameterSpec P256 = p256();
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyExchange() {
    }

    /** The P-256 domain parameters. */
    public static ECParameterSpec curve() {
        return P256;
    }

    /** A fresh ephemeral P-256 key pair. */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks P-256", e);
        }
    }

    /** The 65-byte uncompressed point of a P-256 public key. */
    public static byte[] encodePoint(ECPublicKey key) {
        ECPoint w = key.getW();
        byte[] out = new byte[POINT_LENGTH];
        out[0] = 0x04;
        System.arraycopy(Bytes.unsigned(w.getAffineX(), 32), 0, out, 1, 32);
        System.arraycopy(Bytes.unsigned(w.getAffineY(), 32), 0, out, 33, 32);
        return out;
    }

    /** The wire form of a public key: standard base64 of its 65-byte uncompressed point. */
    public static String encodePublicKey(ECPublicKey key) {
        return Bytes.encode(encodePoint(key));
    }

    /**
     * Decodes a peer's wire public key strictly: canonical standard base64 of exactly 65 bytes,
     * prefix {@code 0x04}, coordinates below p, and the point on the curve.
     *
     * @throws EncryptionException if any of these fails
     */
    public static ECPublicKey decodePublicKey(String base64) {
        byte[] point = Bytes.decodeCanonical(base64);
        if (point == null) {
            throw new EncryptionException("public key is not canonical standard base64");
        }
        return decodePoint(point);
    }

    /**
     * Validates and converts a 65-byte uncompressed point (P-256 has cofactor 1, so a point on
     * the curve is in the prime-order group).
     *
     * @throws EncryptionException if the length, the prefix or the curve equation is wrong
     */
    public static ECPublicKey decodePoint(byte[] point) {
        if (point == null || point.length != POINT_LENGTH) {
            throw new EncryptionException("public key must be a 65-byte uncompressed P-256 point, got "
                    + (point == null ? "none" : point.length + " bytes"));
        }
        if (point[0] != 0x04) {
            throw new EncryptionException("public key must start with 0x04 (uncompressed point)");
        }
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(point, 1, 33));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(point, 33, 65));
        if (!onCurve(x, y)) {
            throw new EncryptionException("public key is not a point on P-256");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
        } catch (GeneralSecurityException e) {
            throw new EncryptionException("public key rejected: " + e.getMessage(), e);
        }
    }

    /** Whether (x, y) satisfies y² = x³ + ax + b over P-256's field, with both below p. */
    static boolean onCurve(BigInteger x, BigInteger y) {
        EllipticCurve curve = P256.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return y.modPow(BigInteger.TWO, p).equals(right);
    }

    /**
     * ECDH: the 32-byte shared secret Z (the x-coordinate of {@code own · peer}).
     *
     * @throws EncryptionException if the provider refuses the keys
     */
    public static byte[] sharedSecret(PrivateKey own, ECPublicKey peer) {
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(own);
            agreement.doPhase(peer, true);
            byte[] z = agreement.generateSecret();
            if (z.length != SECRET_LENGTH) {
                throw new EncryptionException("ECDH produced " + z.length + " bytes, expected 32");
            }
            return z;
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new EncryptionException("ECDH failed: " + e.getMessage(), e);
        }
    }

    /**
     * A P-256 private key from its 32-byte big-endian scalar (for known-answer tests).
     *
     * @throws EncryptionException unless 1 ≤ scalar &lt; n
     */
    public static ECPrivateKey privateKey(byte[] scalar) {
        BigInteger s = new BigInteger(1, scalar);
        if (scalar.length != SECRET_LENGTH || s.signum() == 0 || s.compareTo(P256.getOrder()) >= 0) {
            throw new EncryptionException("private scalar must be 32 bytes in [1, n)");
        }
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, P256));
        } catch (GeneralSecurityException e) {
            throw new EncryptionException("private key rejected: " + e.getMessage(), e);
        }
    }

    /** The 32-byte big-endian scalar of a P-256 private key. */
    public static byte[] encodeScalar(ECPrivateKey key) {
        return Bytes.unsigned(key.getS(), SECRET_LENGTH);
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks P-256", e);
        }
    }
}
