/**
 * Netloom's own TURN client (RFC 8656, ADR 0036): one {@link io.netloom.daemon.relay.TurnAllocation} per relay
 * and transport (UDP, TCP, or TLS verified against a {@link io.netloom.daemon.relay.RelayTrust}), giving a relayed
 * address, datagrams to and from peers through channels, and a {@link io.netloom.daemon.relay.RelayListener} that
 * hears the datagrams and, once, the allocation's end.
 *
 * <p>STUN messages and ChannelData are encoded and decoded by ice4j ({@code org.ice4j.message},
 * {@code org.ice4j.attribute}); this package adds only what ice4j's client does not do the way Netloom needs:
 * framing on TCP/TLS by the length fields, transactions with retransmission, the long-term credential's
 * challenges (401, 438), and refreshes well before the relay's timers run out. ICE's relayed candidates run
 * on it ({@code io.netloom.daemon.ice.RelaySocket}, ADR 0037).
 */
package io.netloom.daemon.relay;
