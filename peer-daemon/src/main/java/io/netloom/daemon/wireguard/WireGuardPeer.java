package io.netloom.daemon.wireguard;

import io.netloom.daemon.link.IpPrefix;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The desired configuration of one peer. Validated on construction because its parts end up in
 * the UAPI text protocol and in {@code wg} arguments, where a stray newline would be a new command.
 *
 * @param publicKey the peer's public key, standard base64
 * @param endpoint where to send its packets; {@code null} keeps whatever WireGuard already knows
 *     (there is no way to unset an endpoint, and roaming may have learnt a better one)
 * @param allowedIps CIDR prefixes routed to and accepted from this peer; replaces the previous list
 * @param persistentKeepaliveSeconds keepalive interval, 0 to disable
 */
public record WireGuardPeer(
        String publicKey, InetSocketAddress endpoint, List<String> allowedIps, int persistentKeepaliveSeconds) {

    public WireGuardPeer {
        WireGuardKeys.base64ToHex(publicKey);
        allowedIps = List.copyOf(allowedIps);
        allowedIps.forEach(WireGuardPeer::requireAllowedIp);
        if (endpoint != null) {
            Endpoints.requireUsable(endpoint);
        }
        if (persistentKeepaliveSeconds < 0 || persistentKeepaliveSeconds > 65535) {
            throw new IllegalArgumentException(
                    "persistent keepalive must be between 0 and 65535 seconds, got " + persistentKeepaliveSeconds);
        }
    }

    /** The allowed IPs in canonical form, as they are handed to WireGuard. */
    List<IpPrefix> allowedPrefixes() {
        return allowedIps.stream().map(IpPrefix::parse).toList();
    }

    private static void requireAllowedIp(String cidr) {
        IpPrefix prefix = IpPrefix.parse(cidr);
        // WireGuard would silently widen 100.64.0.7/10 to the whole 100.64.0.0/10 and route it to
        // this one peer; that is almost certainly a mistake upstream, so refuse it.
        if (prefix.hasHostBits()) {
            throw new IllegalArgumentException("allowed IP " + cidr + " has host bits set; did you mean "
                    + prefix.network() + " or " + prefix.address().getHostAddress() + "/"
                    + prefix.address().getAddress().length * 8 + "?");
        }
    }
}
