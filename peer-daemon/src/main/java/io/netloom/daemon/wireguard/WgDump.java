package io.netloom.daemon.wireguard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the output of {@code wg show <name> dump}: a first line about the interface (holding its
 * private key, so it is skipped and never quoted), then one tab-separated line per peer: public
 * key, preshared key, endpoint, allowed IPs, latest handshake, bytes received, bytes sent, keepalive.
 */
final class WgDump {

    private static final int PEER_FIELDS = 8;

    private WgDump() {
    }

    static List<PeerStatistics> peers(String dump) throws IOException {
        List<PeerStatistics> peers = new ArrayList<>();
        String[] lines = dump.strip().split("\n");
        for (int i = 1; i < lines.length; i++) {
            peers.add(peer(lines[i].split("\t", -1), i + 1));
        }
        return peers;
    }

    private static PeerStatistics peer(String[] fields, int lineNumber) throws IOException {
        if (fields.length != PEER_FIELDS) {
            throw new IOException("unexpected `wg show` output on line " + lineNumber + ": "
                    + fields.length + " fields instead of " + PEER_FIELDS);
        }
        try {
            WireGuardKeys.base64ToHex(fields[0]);
            InetSocketAddress endpoint = fields[2].equals("(none)") ? null : Endpoints.parse(fields[2]);
            Instant handshake = HandshakeTimes.of(Long.parseLong(fields[4]), 0);
            return new PeerStatistics(
                    fields[0], endpoint, handshake, Long.parseLong(fields[5]), Long.parseLong(fields[6]));
        } catch (IllegalArgumentException e) {
            throw new IOException("unexpected `wg show` output on line " + lineNumber + ": " + e.getMessage(), e);
        }
    }
}
