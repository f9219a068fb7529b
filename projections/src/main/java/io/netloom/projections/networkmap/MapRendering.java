package io.netloom.projections.networkmap;

import io.netloom.domain.common.Ipv4Network;
import java.util.List;

/** How model entries appear in a map; shared by the full computation and the incremental one. */
final class MapRendering {

    private MapRendering() {
    }

    static PeerConfig config(PeerNode peer, Ipv4Network network, String dnsDomain, boolean dnsManagement) {
        return new PeerConfig(peer.overlayIp() + "/" + network.prefixLength(), fqdn(peer, dnsDomain), dnsDomain,
                dnsManagement, extraFqdns(peer, dnsDomain));
    }

    static RemotePeer remote(PeerNode peer, String dnsDomain) {
        return new RemotePeer(peer.id().value(), peer.publicKey(), hostAddress(peer), fqdn(peer, dnsDomain),
                peer.connected(), extraFqdns(peer, dnsDomain));
    }

    static String hostAddress(PeerNode peer) {
        return peer.overlayIp() + "/32";
    }

    private static String fqdn(PeerNode peer, String dnsDomain) {
        return peer.dnsLabel() + "." + dnsDomain;
    }

    /** Full names, as NetBird's API shows extra labels, so the resolver needs no domain to answer them. */
    private static List<String> extraFqdns(PeerNode peer, String dnsDomain) {
        if (peer.extraDnsLabels().isEmpty()) {
            return List.of();
        }
        return peer.extraDnsLabels().stream().map(label -> label + "." + dnsDomain).toList();
    }
}
