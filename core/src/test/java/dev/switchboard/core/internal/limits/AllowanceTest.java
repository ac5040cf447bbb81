package dev.switchboard.core.internal.limits;

import dev.switchboard.api.Handshake;
import dev.switchboard.core.hub.Limits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.switchboard.core.internal.limits.Allowance.Verdict.ADMIT;
import static dev.switchboard.core.internal.limits.Allowance.Verdict.CLOSE;
import static dev.switchboard.core.internal.limits.Allowance.Verdict.REFUSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token bucket with debt, on explicit clock readings; and the client address behind proxies. */
class AllowanceTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theBurstIsServedThenFramesAreRefusedUntilTheDebtIsRepaidAndAFlooderIsClosed() {
        Allowance allowance = new Allowance(Allowance.Budget.of(Limits.defaults().messageRate(10, 3).floodLimit(2)), 0);
        assertEquals(List.of(ADMIT, ADMIT, ADMIT, REFUSE, REFUSE, CLOSE),
                List.of(allowance.frame(0), allowance.frame(0), allowance.frame(0), allowance.frame(0),
                        allowance.frame(0), allowance.frame(0)));
    }

    @Test
    void refusedFramesAreOwedSoAClientOverTheRateWaitsForTheRefill() {
        Allowance allowance = new Allowance(Allowance.Budget.of(Limits.defaults().messageRate(10, 1).floodLimit(100)), 0);
        assertEquals(ADMIT, allowance.frame(0));
        assertEquals(REFUSE, allowance.frame(0));
        assertEquals(REFUSE, allowance.frame(0));
        // Two frames owed: 0.1 s repays one, the frame is still refused (and owed); 0.3 s later all is repaid.
        assertEquals(REFUSE, allowance.frame(SECOND / 10));
        assertEquals(ADMIT, allowance.frame(SECOND / 10 + 4 * SECOND / 10));
        assertEquals(REFUSE, allowance.frame(SECOND / 10 + 4 * SECOND / 10));
    }

    @Test
    void aSteadyClientAtTheRateIsNeverRefused() {
        Allowance allowance = new Allowance(Allowance.Budget.of(Limits.defaults().messageRate(50, 1).floodLimit(0)), 0);
        for (long now = 0; now < 10 * SECOND; now += SECOND / 50) {
            assertEquals(ADMIT, allowance.frame(now));
        }
    }

    @Test
    void rateZeroAdmitsEverything() {
        Allowance allowance = new Allowance(Allowance.Budget.of(Limits.none()), 0);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(ADMIT, allowance.frame(0));
        }
    }

    @Test
    void attemptsAreCountedPerSocket() {
        Allowance allowance = new Allowance(Allowance.Budget.of(Limits.defaults().maxAuthAttempts(2)), 0);
        assertTrue(allowance.attempt());
        assertTrue(allowance.attempt());
        assertFalse(allowance.attempt());
    }

    @Test
    void theForwardedAddressIsBelievedOnlyFromATrustedProxy() {
        Limits limits = Limits.defaults().trustedProxy("X-Forwarded-For", List.of("10.0.0.1", "10.0.0.2"));
        Map<String, List<String>> forwarded = Map.of("x-forwarded-for", List.of("203.0.113.9, 198.51.100.4, 10.0.0.2"));
        assertEquals("198.51.100.4", ClientAddress.of(handshake("10.0.0.1:5000", forwarded), limits),
                "the rightmost hop that is not a trusted proxy (the leftmost is the client's own claim)");
        assertEquals("192.0.2.8", ClientAddress.of(handshake("192.0.2.8:5000", forwarded), limits),
                "an untrusted peer's header is ignored");
        assertEquals("10.0.0.1", ClientAddress.of(handshake("10.0.0.1", Map.of()), limits), "no header: the proxy itself");
        assertEquals("192.0.2.8", ClientAddress.of(handshake("192.0.2.8:5000", forwarded), Limits.defaults()));
    }

    @Test
    void hostsAreReadFromTheFormsContainersReport() {
        assertEquals("127.0.0.1", ClientAddress.host("127.0.0.1"));
        assertEquals("127.0.0.1", ClientAddress.host("127.0.0.1:40000"));
        assertEquals("::1", ClientAddress.host("[::1]:40000"));
        assertEquals("0:0:0:0:0:0:0:1", ClientAddress.host("0:0:0:0:0:0:0:1:40000"));
        assertEquals("0:0:0:0:0:0:0:1", ClientAddress.host("0:0:0:0:0:0:0:1"));
        assertEquals("127.0.0.1", ClientAddress.host("/127.0.0.1:40000"));
    }

    private static Handshake handshake(String peer, Map<String, List<String>> headers) {
        return new Handshake("/ws", Map.of(), Map.of(), headers, peer, "");
    }
}
