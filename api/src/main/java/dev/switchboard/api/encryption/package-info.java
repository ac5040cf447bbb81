/**
 * Switchboard's built-in end-to-end encryption scheme ({@code switchboard/v1}), shared by the hub
 * and the Java client: an ephemeral P-256 ECDH exchange during {@code authenticate}, two
 * AES-256-GCM keys derived with HKDF-SHA256, and counter IVs that reject replayed and reordered
 * frames. The wire format is specified in {@code docs/encryption.md}; known-answer vectors are in
 * {@code docs/encryption-vectors.json}.
 *
 * <p>Typical use: the client {@link dev.switchboard.api.encryption.KeyOffer#create() creates an
 * offer}, the server {@link dev.switchboard.api.encryption.KeyAnswer#answer(String) answers} it,
 * and each side then holds a {@link dev.switchboard.api.encryption.SecureChannel} for the session.
 * JCA only; no third-party cryptography.
 */
package dev.switchboard.api.encryption;
