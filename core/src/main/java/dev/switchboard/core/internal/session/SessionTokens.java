package dev.switchboard.core.internal.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;

/**
 * Issues and verifies session tokens: HS256 JWTs (header {@code typ} {@value #TYPE}) naming the
 * session ({@code sid}), its user ({@code sub}), one issue of the token ({@code jti}) and the node
 * holding the session ({@code srv}, its serverId), so another node of the cluster knows whom to ask.
 *
 * <p>A token is valid for twice the disconnection TTL and is refreshed (same {@code jti}) once less
 * than TTL plus a margin is left, so whenever the socket drops, the token outlives the session's
 * TTL; the session itself, held by the server, decides how long it lives. Issue and expiry times
 * come from the given {@link Clock} (the system UTC clock by default), so tests move time instead
 * of waiting for it. Thread-safe (immutable).
 */
public final class SessionTokens {

    /** The JOSE {@code typ} of session tokens, so they are not mistaken for login tokens. */
    public static final String TYPE = "switchboard-session+jwt";
    static final String SESSION_CLAIM = "sid";
    static final String SERVER_CLAIM = "srv";

    /** A token as issued. */
    public record Issued(String token, String jti, long expiresAtMillis) {
    }

    /** What a verified token names; {@code serverId} is the node holding the session. */
    public record Claims(String sessionId, String userId, String jti, String serverId) {
    }

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration ttl;
    private final String serverId;
    private final Clock clock;

    public SessionTokens(byte[] key, Duration ttl, String serverId) {
        this(key, ttl, serverId, Clock.systemUTC());
    }

    /** Tokens whose issue and expiry times are read from {@code clock}. */
    public SessionTokens(byte[] key, Duration ttl, String serverId, Clock clock) {
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Unusable resumption connection key: " + e.getMessage(), e);
        }
        this.ttl = ttl;
        this.serverId = serverId;
        this.clock = clock;
    }

    /** A token for a new issue of the session (a fresh {@code jti}). */
    public Issued issue(String sessionId, String userId) {
        return issue(sessionId, userId, UUID.randomUUID().toString());
    }

    /** A token for the session with the given {@code jti} (a refresh keeps it). */
    public Issued issue(String sessionId, String userId, String jti) {
        long now = clock.millis();
        long expires = now + 2 * ttl.toMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .claim(SESSION_CLAIM, sessionId)
                .claim(SERVER_CLAIM, serverId)
                .jwtID(jti)
                .issueTime(new Date(now))
                .expirationTime(new Date(expires))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType(TYPE)).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing a session token failed", e);
        }
        return new Issued(jwt.serialize(), jti, expires);
    }

    /** True when a token expiring at {@code expiresAtMillis} should be refreshed now. */
    public boolean refreshDue(long expiresAtMillis, long nowMillis, Duration margin) {
        return expiresAtMillis - nowMillis < ttl.toMillis() + margin.toMillis();
    }

    /**
     * The claims of a well-formed, HS256-signed, correctly typed, unexpired token carrying a session,
     * user, node and id; {@code null} for anything else (forged, tampered, expired, malformed).
     */
    public Claims verify(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || header.getType() == null
                    || !TYPE.equals(header.getType().getType()) || !jwt.verify(verifier)) {
                return null;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            String sessionId = claims.getStringClaim(SESSION_CLAIM);
            String server = claims.getStringClaim(SERVER_CLAIM);
            if (expires == null || expires.getTime() <= clock.millis() || sessionId == null
                    || server == null || claims.getSubject() == null || claims.getJWTID() == null) {
                return null;
            }
            return new Claims(sessionId, claims.getSubject(), claims.getJWTID(), server);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return null;
        }
    }
}
