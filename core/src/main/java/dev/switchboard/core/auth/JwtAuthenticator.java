package dev.switchboard.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.switchboard.api.AuthResult;
import dev.switchboard.api.Client;
import dev.switchboard.api.SyncAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The built-in authenticator: {@code {"event":"authenticate","data":{"token":"<JWT>"}}} with an
 * HS256 JWT signed by a shared secret. The {@code sub} claim is the user id and every other claim
 * becomes the client's metadata. Signature, algorithm, {@code exp} and {@code nbf} are checked by
 * nimbus-jose-jwt; a token that fails any check is rejected (close 4003). A {@code typ} header other
 * than {@code JWT} is refused too, so a session token can never serve as a login token.
 *
 * <p>Immutable and thread-safe.
 */
public final class JwtAuthenticator implements SyncAuthenticator<JwtAuthenticator.TokenCredentials, Map<String, Object>> {

    /** The smallest HS256 secret accepted, in bytes (RFC 7518 §3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

    /** The {@code authenticate} data this authenticator reads. */
    public record TokenCredentials(String token) {
    }

    private final byte[] secret;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /**
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public JwtAuthenticator(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The JWT secret must be at least " + MIN_SECRET_BYTES
                    + " bytes for HS256, got " + (secret == null ? 0 : secret.length));
        }
        this.secret = secret.clone();
        // one key for one algorithm: no JWK set to match per token (any other alg finds no key and is refused)
        processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.HS256,
                new SecretKeySpec(this.secret, "HmacSHA256")));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("sub")));
        // the JCA provider of HMAC-SHA256 found once, not looked up among all providers for every token
        DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
        try {
            verifiers.getJCAContext().setProvider(Mac.getInstance("HmacSHA256").getProvider());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no HMAC-SHA256", e);
        }
        processor.setJWSVerifierFactory(verifiers);
    }

    /** A secret given as text is used as its UTF-8 bytes. */
    public JwtAuthenticator(String secret) {
        this(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A random secret of 32 bytes, Base64url-encoded, for servers started without one. */
    public static String generateSecret() {
        byte[] bytes = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public AuthResult<Map<String, Object>> verify(TokenCredentials credentials, Client client) {
        if (credentials == null || credentials.token() == null || credentials.token().isBlank()) {
            return null;
        }
        JWTClaimsSet claims;
        try {
            // parsed as a JWS at once (a plain or encrypted token fails here): its header is read once, not twice
            claims = processor.process(SignedJWT.parse(credentials.token()), null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            LOG.debug("Rejected a JWT from {}: {}", client.id(), e.getMessage());
            return null;
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            return null;
        }
        Map<String, Object> metadata = new HashMap<>();
        // claim names are the app's few (the token is verified): one instance of each for every client
        claims.toJSONObject().forEach((name, value) -> metadata.put(name.intern(), value));
        metadata.remove("sub");
        return AuthResult.of(subject, Map.copyOf(metadata));
    }

    /** Signs a token for {@code userId} with this authenticator's secret, valid for {@code ttl}. */
    public String issue(String userId, Map<String, ?> claims, Duration ttl) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(userId)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(ttl)));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a JWT", e);
        }
        return jwt.serialize();
    }
}
