package dev.switchboard.core.internal.session;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void issuesVerifiableTokensWithAFreshJtiEachTime() {
        SessionTokens tokens = new SessionTokens(KEY, Duration.ofMinutes(5), "node-1");
        SessionTokens.Issued first = tokens.issue("s1", "alice");
        SessionTokens.Issued second = tokens.issue("s1", "alice");
        assertNotEquals(first.jti(), second.jti());
        assertEquals(new SessionTokens.Claims("s1", "alice", first.jti(), "node-1"), tokens.verify(first.token()));
        long lifetime = first.expiresAtMillis() - System.currentTimeMillis();
        assertTrue(lifetime > Duration.ofMinutes(9).toMillis() && lifetime <= Duration.ofMinutes(10).toMillis(),
                "valid for twice the TTL: " + lifetime);
        SessionTokens.Issued refreshed = tokens.issue("s1", "alice", first.jti());
        assertEquals(first.jti(), tokens.verify(refreshed.token()).jti(), "a refresh keeps the jti");
    }

    @Test
    void refusesOtherKeysAndExpiredTokens() throws Exception {
        SessionTokens tokens = new SessionTokens(KEY, Duration.ofMinutes(5), "node-1");
        SessionTokens other = new SessionTokens("another key that is 32 bytes long!".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(5), "node-1");
        assertNull(tokens.verify(other.issue("s1", "alice").token()));
        SessionTokens shortLived = new SessionTokens(KEY, Duration.ofMillis(1), "node-1");
        String token = shortLived.issue("s1", "alice").token();
        Thread.sleep(20);
        assertNull(tokens.verify(token));
        assertNull(tokens.verify(""));
        assertNull(tokens.verify(null));
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
