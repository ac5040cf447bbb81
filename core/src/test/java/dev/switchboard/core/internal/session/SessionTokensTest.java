package dev.switchboard.core.internal.session;

import dev.switchboard.core.testing.SettableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue, verification, expiry and refresh of session tokens; time comes from a clock the test moves. */
class SessionTokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    /** A whole second: JWT times have second precision. */
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void issuesVerifiableTokensWithAFreshJtiEachTime() {
        SessionTokens tokens = new SessionTokens(KEY, Duration.ofMinutes(5), "node-1", new SettableClock(START));
        SessionTokens.Issued first = tokens.issue("s1", "alice");
        SessionTokens.Issued second = tokens.issue("s1", "alice");
        assertNotEquals(first.jti(), second.jti());
        assertEquals(new SessionTokens.Claims("s1", "alice", first.jti(), "node-1"), tokens.verify(first.token()));
        assertEquals(START.plus(Duration.ofMinutes(10)).toEpochMilli(), first.expiresAtMillis(), "valid for twice the TTL");
        SessionTokens.Issued refreshed = tokens.issue("s1", "alice", first.jti());
        assertEquals(first.jti(), tokens.verify(refreshed.token()).jti(), "a refresh keeps the jti");
    }

    @Test
    void refusesOtherKeysAndExpiredTokens() {
        SettableClock clock = new SettableClock(START);
        SessionTokens tokens = new SessionTokens(KEY, Duration.ofMinutes(5), "node-1", clock);
        SessionTokens other = new SessionTokens("another key that is 32 bytes long!".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(5), "node-1", clock);
        assertNull(tokens.verify(other.issue("s1", "alice").token()));
        SessionTokens shortLived = new SessionTokens(KEY, Duration.ofSeconds(1), "node-1", clock);
        String token = shortLived.issue("s1", "alice").token();
        clock.advance(Duration.ofMillis(1_999));
        assertEquals("s1", tokens.verify(token).sessionId(), "valid until twice the TTL");
        clock.advance(Duration.ofMillis(1));
        assertNull(tokens.verify(token), "expired at twice the TTL");
        assertNull(tokens.verify(""));
        assertNull(tokens.verify(null));
    }

    @Test
    void aRefreshedTokenOutlivesTheOneItReplacesAndKeepsItsJti() {
        SettableClock clock = new SettableClock(START);
        Duration ttl = Duration.ofSeconds(60);
        Duration margin = Duration.ofSeconds(2);
        SessionTokens tokens = new SessionTokens(KEY, ttl, "node-1", clock);
        SessionTokens.Issued first = tokens.issue("s1", "alice");
        assertEquals(START.plus(ttl.multipliedBy(2)).toEpochMilli(), first.expiresAtMillis());
        assertFalse(tokens.refreshDue(first.expiresAtMillis(), clock.millis(), margin));

        clock.advance(Duration.ofSeconds(59));
        assertTrue(tokens.refreshDue(first.expiresAtMillis(), clock.millis(), margin), "61 s left < TTL + margin");
        SessionTokens.Issued refreshed = tokens.issue("s1", "alice", first.jti());
        assertEquals(first.expiresAtMillis() + Duration.ofSeconds(59).toMillis(), refreshed.expiresAtMillis());

        clock.advance(Duration.ofSeconds(61));
        assertNull(tokens.verify(first.token()), "the old token has expired");
        SessionTokens.Claims claims = tokens.verify(refreshed.token());
        assertEquals(new SessionTokens.Claims("s1", "alice", first.jti(), "node-1"), claims);
    }

    @Test
    void aRefreshIsDueOnceLessThanTtlPlusMarginIsLeft() {
        SessionTokens tokens = new SessionTokens(KEY, Duration.ofSeconds(60), "node-1");
        long now = 1_000_000;
        Duration margin = Duration.ofSeconds(2);
        assertFalse(tokens.refreshDue(now + 120_000, now, margin));
        assertFalse(tokens.refreshDue(now + 62_001, now, margin));
        assertTrue(tokens.refreshDue(now + 61_999, now, margin));
    }
}
