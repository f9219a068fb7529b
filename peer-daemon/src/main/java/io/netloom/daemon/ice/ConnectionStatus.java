package io.netloom.daemon.ice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one {@link PeerConnection}.
 *
 * @param state {@code idle} (not started), {@code connecting} (gathering, waiting for the remote, checking, or
 *     reconnecting after the path died), {@code connected}, {@code failed} (the last negotiation failed; the
 *     controlling side retries with backoff, the controlled side waits for a new offer), {@code closed}
 * @param type P2P or RELAYED while connected, else {@code null}
 * @param localCandidateType {@code host|srflx|prflx|relay} of the selected pair's local candidate, else {@code null}
 * @param localEndpoint {@code ip:port} of that candidate (for relay: the address allocated on the TURN server)
 * @param remoteCandidateType the remote candidate's type
 * @param remoteEndpoint {@code ip:port} this peer sends to
 * @param latency round-trip time over the selected path (measured with the proxy's path probes), {@code null} until known
 * @param lastError the most recent problem (negotiation, malformed signal, dead path), {@code null} if none
 * @param since when {@code state} last changed
 * @param candidateIssue why some kind of candidate is missing (e.g. TURN server not answering, so no relay
 *     fallback), from the latest gathering; {@code null} when every configured server produced candidates
 * @param dataPath what carries WireGuard's datagrams while connected, else {@code null}
 * @param lastReceived while connected, when anything (WireGuard data through the proxy, path probes and their
 *     replies) last arrived from the remote on the selected path; {@code null} otherwise. A path whose remote
 *     vanished silently stays {@code connected} until the inactivity timeout, but this stops moving at once.
 * @param relayTransport while connected through a relay allocation of this device's own, how it reaches the relay:
 *     {@code udp}, {@code tcp} or {@code tls}; {@code null} otherwise (also when only the remote end relays)
 * @param relayServer that relay as {@code host:port}, else {@code null}
 * @param relayFallback with {@code relayTransport}: the relays passed over before that one, tried and failed while
 *     gathering or skipped because they were silent on this network before (ADR 0041); otherwise empty
 */
public record ConnectionStatus(
        String state,
        ConnectionType type,
        String localCandidateType,
        String localEndpoint,
        String remoteCandidateType,
        String remoteEndpoint,
        Duration latency,
        String lastError,
        Instant since,
        String candidateIssue,
        DataPath dataPath,
        Instant lastReceived,
        String relayTransport,
        String relayServer,
        List<RelayFallbackStep> relayFallback) {

    public ConnectionStatus {
        relayFallback = relayFallback == null ? List.of() : List.copyOf(relayFallback);
    }

    public ConnectionStatus(String state, ConnectionType type, String localCandidateType, String localEndpoint,
            String remoteCandidateType, String remoteEndpoint, Duration latency, String lastError, Instant since) {
        this(state, type, localCandidateType, localEndpoint, remoteCandidateType, remoteEndpoint, latency, lastError,
                since, null, null, null, null, null, List.of());
    }

    public boolean connected() {
        return "connected".equals(state);
    }
}
