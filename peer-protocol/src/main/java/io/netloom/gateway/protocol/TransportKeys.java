package io.netloom.gateway.protocol;

import java.util.Arrays;

/** The two keys a completed handshake leaves one side with: one to seal what it sends, one to open what it receives. */
final class TransportKeys {

    private final byte[] send;
    private final byte[] receive;

    TransportKeys(byte[] send, byte[] receive) {
        this.send = send;
        this.receive = receive;
    }

    /** Seals with the explicit nonce {@code counter} (the signal's sequence number, unique per sender). */
    byte[] seal(long counter, byte[] associatedData, byte[] plaintext) {
        return ChaChaPoly.seal(send, ChaChaPoly.counterNonce(counter), associatedData, plaintext);
    }

    /** The plaintext, or an {@link IllegalArgumentException} when the message was not sealed with the peer's key. */
    byte[] open(long counter, byte[] associatedData, byte[] ciphertext) {
        return ChaChaPoly.open(receive, ChaChaPoly.counterNonce(counter), associatedData, ciphertext);
    }

    void erase() {
        Arrays.fill(send, (byte) 0);
        Arrays.fill(receive, (byte) 0);
    }
}
