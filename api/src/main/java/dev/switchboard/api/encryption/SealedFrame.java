package dev.switchboard.api.encryption;

/**
 * One sealed frame: the parts of {@code {"event":"encrypted","data":{"iv":B64,"ct":B64}}}.
 *
 * @param counter the counter in the IV (for logs and tests; it is not sent separately)
 * @param iv      standard base64 of the 12-byte IV: 4 zero bytes ‖ 8-byte big-endian counter
 * @param ct      standard base64 of ciphertext ‖ 16-byte GCM tag
 */
public record SealedFrame(long counter, String iv, String ct) {

    /** The event name of a sealed frame. */
    public static final String EVENT = "encrypted";

    /**
     * The complete wire frame, byte for byte:
     * {@code {"event":"encrypted","data":{"iv":"…","ct":"…"}}} (base64 needs no JSON escaping).
     */
    public String toJson() {
        return "{\"event\":\"encrypted\",\"data\":{\"iv\":\"" + iv + "\",\"ct\":\"" + ct + "\"}}";
    }
}
