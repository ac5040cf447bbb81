package dev.switchboard.core.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.internal.session.SessionTokens;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import static dev.switchboard.core.testing.Resumes.reason;
import static dev.switchboard.core.testing.Resumes.recovered;
import static dev.switchboard.core.testing.Resumes.resume;
import static dev.switchboard.core.testing.Resumes.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forged, tampered, expired, unsigned and reused session tokens are refused; none of them ends the session. */
class SessionTokenTest {

    private static final String OTHER_KEY = "another key that is 32 bytes long!";

    private final Recorder recorder = new Recorder();

    @Test
    void onlyTheTokenIssuedLastResumesTheSession() throws Exception {
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).build();
        try (TestServer server = TestServer.start(hub)) {
            WsClient original = WsClient.connect(server.uri());
            JsonObject connected = original.authenticate("alice");
            String issued = token(connected);
            original.abort();
            Eventually.until("suspended", () -> recorder.suspended.size() == 1);

            JWTClaimsSet claims = SignedJWT.parse(issued).getJWTClaimsSet();
            assertEquals("alice", claims.getSubject());
            assertEquals(Resumes.id(connected), claims.getStringClaim("sid"));

            assertRefused(server, signed(claims, OTHER_KEY), "forged: signed with another key");
            assertRefused(server, tampered(issued), "tampered payload");
            assertRefused(server, new PlainJWT(claims).serialize(), "unsigned (alg none)");
            JWTClaimsSet expired = new JWTClaimsSet.Builder(claims).expirationTime(new Date(System.currentTimeMillis() - 1000)).build();
            assertRefused(server, signed(expired, Resumes.KEY), "expired, though signed with the right key");
            JWTClaimsSet otherJti = new JWTClaimsSet.Builder(claims).jwtID("not-the-current-one").build();
            assertRefused(server, signed(otherJti, Resumes.KEY), "well signed, but not the token issued last");
            assertRefused(server, "not a token", "garbage");

            String rotated;
            try (WsClient resumed = WsClient.connect(server.uri())) {
                JsonObject answer = resume(resumed, issued, 0);
                assertTrue(recovered(answer), "the refusals above did not end the session");
                rotated = token(answer);
                assertRefused(server, issued, "reused: the token was rotated by the resume");
                assertFalse(resumed.isClosed(), "a refused resume does not touch the session's socket");
                resumed.abort();
            }
            Eventually.until("suspended again", () -> recorder.suspended.size() == 2);
            try (WsClient again = WsClient.connect(server.uri())) {
                assertTrue(recovered(resume(again, rotated, 0)), "the rotated token works once");
                assertTrue(recorder.disconnected.isEmpty(), "nothing ended the session");
            }
        }
    }

    private static void assertRefused(TestServer server, String token, String what) {
        try (WsClient client = WsClient.connect(server.uri())) {
            JsonObject resumed = resume(client, token, 0);
            assertFalse(recovered(resumed), what);
            assertEquals("INVALID_TOKEN", reason(resumed), what);
        }
    }

    private static String signed(JWTClaimsSet claims, String key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType(SessionTokens.TYPE)).build(), claims);
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /** The same token with one character of the payload changed. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        char[] payload = parts[1].toCharArray();
        payload[5] = payload[5] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new String(payload) + "." + parts[2];
    }
}
