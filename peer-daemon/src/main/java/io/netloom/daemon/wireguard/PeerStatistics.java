package io.netloom.daemon.wireguard;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * What WireGuard reports about one peer.
 *
 * @param publicKey standard base64
 * @param endpoint the peer's current endpoint, {@code null} when none is known
 * @param lastHandshake when the last handshake completed, {@code null} if never
 */
public record PeerStatistics(
        String publicKey, InetSocketAddress endpoint, Instant lastHandshake, long receivedBytes, long sentBytes) {
}
