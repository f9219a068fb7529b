package io.netloom.daemon.firewall;

import java.util.Collection;

/**
 * Renders the kernel side of {@link DirectPath}s as one nftables table per overlay interface: stateless port
 * rewriting in the {@code raw} hooks, before connection tracking. Pure text: {@link Nftables} applies it.
 *
 * <ul>
 *   <li>{@code output}: WireGuard's datagrams from its port to the path's remote end get the ICE socket's port
 *       as source port, so they leave on the 5-tuple ICE punched through the NATs.</li>
 *   <li>{@code prerouting}: datagrams from the remote end to the ICE socket that are WireGuard messages (type
 *       1-4 followed by three zero bytes, the WireGuard paper §5.4) get WireGuard's port as destination port.
 *       STUN and the path probes do not look like that and still reach ICE.</li>
 * </ul>
 * Both are {@code notrack}: the rewritten datagrams would otherwise look like a second flow on the same ports.
 * Their counters show in {@code nft list table inet netloom_<iface>_paths} how much each direction carried.
 * The kernel updates the UDP checksum when it rewrites a port.
 */
public final class DirectPathRuleset {

    private DirectPathRuleset() {
    }

    /** A script that replaces the interface's path table in one transaction (see {@link FirewallRuleset#compile}). */
    public static String render(String interfaceName, int wireGuardPort, Collection<DirectPath> paths) {
        if (wireGuardPort < 1 || wireGuardPort > 65535) {
            throw new IllegalArgumentException("WireGuard port " + wireGuardPort + " is out of range 1-65535");
        }
        String table = "inet " + tableName(interfaceName);
        StringBuilder inbound = new StringBuilder();
        StringBuilder outbound = new StringBuilder();
        for (DirectPath path : paths) {
            inbound.append("\t\tip saddr ").append(path.remoteIp()).append(" udp sport ").append(path.remote().getPort())
                    .append(" ip daddr ").append(path.localIp()).append(" udp dport ").append(path.local().getPort())
                    .append(" @th,64,8 1-4 @th,72,24 0 udp dport set ").append(wireGuardPort).append(" counter notrack\n");
            outbound.append("\t\tip daddr ").append(path.remoteIp()).append(" udp dport ").append(path.remote().getPort())
                    .append(" udp sport ").append(wireGuardPort).append(" udp sport set ").append(path.local().getPort())
                    .append(" counter notrack\n");
        }
        return "table " + table + " {}\n"
                + "delete table " + table + "\n"
                + "table " + table + " {\n"
                + "\tchain inbound {\n"
                + "\t\ttype filter hook prerouting priority raw; policy accept;\n"
                + inbound
                + "\t}\n"
                + "\tchain outbound {\n"
                + "\t\ttype filter hook output priority raw; policy accept;\n"
                + outbound
                + "\t}\n"
                + "}\n";
    }

    /** The nftables table (family {@code inet}) with the path rules of {@code interfaceName}. */
    public static String tableName(String interfaceName) {
        return FirewallRuleset.tableName(interfaceName) + "_paths";
    }

    /** A script that deletes the interface's path table, and succeeds when there is none. */
    static String removal(String interfaceName) {
        String table = "inet " + tableName(interfaceName);
        return "table " + table + " {}\ndelete table " + table + "\n";
    }
}
