/**
 * Peer-to-peer paths for WireGuard: ICE (ice4j) per remote peer, and a local UDP proxy that carries WireGuard's
 * datagrams over the selected pair.
 *
 * <p>Entry point: {@link io.netloom.daemon.ice.PeerConnection}, one per remote peer, built from
 * {@link io.netloom.daemon.ice.IceSettings} (STUN/TURN servers, interface filters, the WireGuard port, timers) and
 * a {@link io.netloom.daemon.ice.SignalChannel} to the remote peer. WireGuard gets
 * {@code PeerConnection.wireGuardEndpoint()} ({@code 127.0.0.1:<proxyPort>}) as the peer's endpoint.
 *
 * <p>Signals ({@code offer}, {@code answer}, {@code close}) carry JSON described in {@code SignalCodec}: vanilla ICE
 * with a session id; an {@code upgrade} flag marks a controlling side's attempt to replace a RELAYED path.
 *
 * <p>ice4j notes (version 3.2-15-g6da2b08): configuration is read once per JVM from system properties layered
 * over its {@code reference.conf} (names such as {@code ice4j.harvest.use-ipv6}, {@code
 * ice4j.harvest.mapping.aws.enabled}; see {@code Ice4jRuntime}); loopback never yields host candidates; host
 * candidates come from {@code FilteredHostHarvester} (per-settings interface filters) instead of ice4j's host
 * harvester; components are created without ice4j's merging component socket, and the proxy reads host sockets
 * in ice4j's own reading thread ({@code DataPlaneSocket}). Relayed candidates do not come from ice4j's TURN
 * harvester but from Netloom's own TURN client ({@code RelayHarvester}, {@code RelaySocket},
 * {@code io.netloom.daemon.relay}, ADR 0037): UDP, else TCP, else TLS to the relay, and a selected relayed path
 * sends straight into the allocation. ICE itself uses IPv4 and UDP only. Set {@code -Dnetloom.ice4j.log-level=INFO}
 * to see ice4j's own logging.
 */
package io.netloom.daemon.ice;
