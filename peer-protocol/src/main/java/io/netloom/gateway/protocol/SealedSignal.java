package io.netloom.gateway.protocol;

/**
 * A signal as it travels through the gateway (docs/protocol.md §3): its kind and sequence number in the clear, the
 * handshake it belongs to ({@code nonce}, base64) and the sealed body ({@code ciphertext}, base64).
 */
public record SealedSignal(String kind, long seq, String nonce, String ciphertext) {
}
