package dev.switchboard.core.internal.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The surrogate check runs only on frames that can hold a surrogate, and still refuses a lone one. */
class FrameReaderSurrogatesTest {

    private final JsonCodec codec = new JsonCodec();

    @Test
    void onlyAUnicodeEscapeOrASurrogateCharacterCanMakeAStringIllFormed() {
        assertFalse(FrameReader.mayHoldSurrogates("{\"event\":\"echo\",\"data\":{\"a\":\"é € x\\n\\\"\"}}"));
        assertTrue(FrameReader.mayHoldSurrogates("{\"event\":\"echo\",\"data\":\"\\u0041\"}"));
        assertTrue(FrameReader.mayHoldSurrogates("{\"event\":\"echo\",\"data\":\"𝄞\"}"));
    }

    @Test
    void loneSurrogatesAreRefusedAndPairsPass() throws MalformedMessageException {
        assertThrows(MalformedMessageException.class, () -> codec.parse("{\"event\":\"echo\",\"data\":\"a\\udc00b\"}"));
        assertThrows(MalformedMessageException.class, () -> codec.parse("{\"event\":\"echo\",\"data\":{\"\\ud800\":1}}"));
        assertEquals("𝄞", codec.parse("{\"event\":\"echo\",\"data\":\"\\ud834\\udd1e\"}").json().toString().replace("\"", ""));
        assertEquals("\"𝄞\"", codec.parse("{\"event\":\"echo\",\"data\":\"𝄞\"}").json().toString());
    }
}
