package io.netloom.projections.networkmap;

import io.netloom.domain.common.Ipv4Network;

/** How model entries appear in a map; shared by the full computation and the incremental one. */
final class MapRendering {

    private MapRendering() {
    }

    static PeerConfig config(PeerNode peer, Ipv4Network network, String dnsDomain, boolean dnsManagement) {
        return new PeerConfig(peer.overlayIp() + "/" + network.prefixLength(), fqdn(peer, dnsDomain), dnsDomain,
                dnsManagement);
    }

    static RemotePeer remote(PeerNode peer, String dnsDomain) {
        return new RemotePeer(peer.id().value(), peer.publicKey(), hostAddress(peer), fqdn(peer, dnsDomain),
                peer.connected());
    }

    static String hostAddress(PeerNode peer) {
        return peer.overlayIp() + "/32";
    }

    private static String fqdn(PeerNode peer, String dnsDomain) {
        return peer.dnsLabel() + "." + dnsDomain;
    }
}
