package dev.switchboard.api.encryption;

import java.util.Locale;

/** Whether a hub encrypts its clients ({@code SWITCHBOARD_ENCRYPTION}). */
public enum EncryptionMode {
    /** Never: an offered key is ignored and every frame stays plain. */
    OFF,
    /** Clients that offer a valid key get encryption; the others stay plain (the default). */
    OPTIONAL,
    /** An {@code authenticate} without a valid key gets {@code ENCRYPTION_REQUIRED} and close 4004. */
    REQUIRED;

    /** Parses {@code off|optional|required} (any case, surrounding blanks ignored). */
    public static EncryptionMode parse(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (EncryptionMode mode : values()) {
            if (mode.name().equals(v)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("encryption mode must be off, optional or required, not '" + value + "'");
    }
}
