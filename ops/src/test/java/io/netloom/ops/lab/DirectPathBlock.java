package io.netloom.ops.lab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The direct path between two lab hosts cut at one host's router: every UDP datagram between that host and the
 * other's public address is dropped (and counted), while both still reach the relay and the server at 203.0.113.1.
 * Inserted ahead of the router's own rules in a table of its own, which {@link #close()} deletes.
 */
final class DirectPathBlock implements AutoCloseable {

    private static final String TABLE = "labdirect";
    private static final Pattern DROPPED = Pattern.compile("counter packets (\\d+)");

    private final String router;

    private DirectPathBlock(String router) {
        this.router = router;
    }

    /** Blocks UDP between {@code host} and {@code other}'s public address at {@code host}'s router. */
    static DirectPathBlock between(LabPeer host, LabPeer other) {
        String router = "rtr-" + host.host;
        String otherAddress = other.publicAddress();
        Lab.check(Lab.in(router, "nft", "add", "table", "inet", TABLE));
        Lab.check(Lab.in(router, "nft", "add", "chain", "inet", TABLE, "forward",
                "{ type filter hook forward priority -10; }"));
        Lab.check(Lab.in(router, "nft", "add", "rule", "inet", TABLE, "forward", "ip", "daddr", otherAddress, "meta",
                "l4proto", "udp", "counter", "drop"));
        Lab.check(Lab.in(router, "nft", "add", "rule", "inet", TABLE, "forward", "ip", "saddr", otherAddress, "meta",
                "l4proto", "udp", "counter", "drop"));
        return new DirectPathBlock(router);
    }

    /** Datagrams dropped so far, both ways: proof that the path was in use and is now cut. */
    long dropped() {
        Matcher counter = DROPPED.matcher(Lab.check(Lab.in(router, "nft", "list", "table", "inet", TABLE)).output());
        long dropped = 0;
        while (counter.find()) {
            dropped += Long.parseLong(counter.group(1));
        }
        return dropped;
    }

    @Override
    public void close() {
        Lab.check(Lab.in(router, "nft", "delete", "table", "inet", TABLE));
    }
}
