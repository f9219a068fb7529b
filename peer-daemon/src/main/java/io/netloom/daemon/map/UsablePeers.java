package io.netloom.daemon.map;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The remote peers of a map that can be configured safely, and a readable reason for each one that
 * cannot. A map is input from the network: an entry with a key or address WireGuard would reject
 * (or that would route someone else's traffic) is set aside, shown in {@code status}, and never
 * stops the other peers from working.
 */
public record UsablePeers(List<RemotePeer> peers, List<String> problems) {

    private static final Pattern HOST_ROUTE =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}/32");

    public static UsablePeers of(NetworkMap map, String ownPublicKey) {
        List<RemotePeer> usable = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> claimedAddresses = new HashSet<>();
        Set<String> claimedKeys = new HashSet<>();
        for (RemotePeer peer : map.remotePeers()) {
            String problem = problemWith(peer, ownPublicKey);
            if (problem == null && !claimedAddresses.add(peer.allowedIp())) {
                problem = "allowed IP " + peer.allowedIp() + " is already another peer's";
            }
            if (problem == null && !claimedKeys.add(peer.publicKey())) {
                problem = "public key is already another peer's";
            }
            if (problem == null) {
                usable.add(peer);
            } else {
                problems.add("peer " + peer.id() + " ignored: " + problem);
            }
        }
        return new UsablePeers(List.copyOf(usable), List.copyOf(problems));
    }

    private static String problemWith(RemotePeer peer, String ownPublicKey) {
        if (peer.id() == null || peer.id().isBlank()) {
            return "it has no id";
        }
        if (!isWireGuardKey(peer.publicKey())) {
            return "public key is not a 32-byte base64 WireGuard key";
        }
        if (peer.publicKey().equals(ownPublicKey)) {
            return "it has this device's own public key";
        }
        if (peer.allowedIp() == null || !HOST_ROUTE.matcher(peer.allowedIp()).matches()) {
            return "allowed IP " + peer.allowedIp() + " is not a single IPv4 address (/32)";
        }
        return null;
    }

    private static boolean isWireGuardKey(String base64) {
        if (base64 == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(base64).length == 32;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
