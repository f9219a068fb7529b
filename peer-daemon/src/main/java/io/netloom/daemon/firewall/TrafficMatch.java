package io.netloom.daemon.firewall;

import io.netloom.daemon.link.IpPrefix;
import io.netloom.daemon.link.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pieces of an nftables match shared by inbound and forward rules: IPv4 addresses and networks, protocols and
 * ports. Every piece of the output is rebuilt from parsed numbers and addresses, never copied from the input, so a
 * map cannot smuggle nft syntax into the script.
 */
final class TrafficMatch {

    private static final Pattern PORTS = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?");

    private TrafficMatch() {
    }

    /**
     * An IPv4 address or network without host bits, as nft writes it (a {@code /32} as the bare address);
     * {@code role} names it in the problem ("source", "destination").
     */
    static String address(String role, String text) throws InvalidRuleException {
        return written(ipv4Network(role, text));
    }

    /** An IPv4 address or network as nft writes it: a {@code /32} as the bare address. */
    static String written(IpPrefix prefix) {
        return prefix.isSingleHost() ? prefix.address().getHostAddress() : prefix.toString();
    }

    /** An IPv4 address or network without host bits, parsed; a bare address is a {@code /32}. */
    static IpPrefix ipv4Network(String role, String text) throws InvalidRuleException {
        IpPrefix prefix;
        try {
            prefix = IpPrefix.parseAddressOrPrefix(text);
        } catch (IllegalArgumentException e) {
            throw notIpv4(role, text);
        }
        if (!prefix.isIpv4()) {
            throw notIpv4(role, text);
        }
        if (prefix.hasHostBits()) {
            throw new InvalidRuleException(role + " " + text + " has host bits set; did you mean "
                    + prefix.network() + " or " + prefix.address().getHostAddress() + "?");
        }
        return prefix;
    }

    /**
     * The match for {@code protocol} ({@code all}, {@code tcp}, {@code udp}, {@code icmp}) and {@code ports} (empty:
     * every port), with a leading space, or nothing for {@code all}.
     */
    static String protocolAndPorts(String protocol, List<String> ports) throws InvalidRuleException {
        switch (protocol == null ? "" : protocol) {
            case "all" -> {
                requireNoPorts(protocol, ports);
                return "";
            }
            case "icmp" -> {
                requireNoPorts(protocol, ports);
                return " meta l4proto icmp";
            }
            case "tcp", "udp" -> {
                return ports.isEmpty()
                        ? " meta l4proto " + protocol
                        : " " + protocol + " dport { " + String.join(", ", portsOf(ports)) + " }";
            }
            default -> throw new InvalidRuleException(
                    "protocol " + Printable.quote(protocol) + " is not one of all, tcp, udp, icmp");
        }
    }

    private static List<String> portsOf(List<String> ports) throws InvalidRuleException {
        List<String> rendered = new ArrayList<>();
        for (String port : ports) {
            Matcher range = port == null ? null : PORTS.matcher(port);
            if (range == null || !range.matches()) {
                throw invalidPort(port);
            }
            int from = portNumber(range.group(1), port);
            int to = range.group(2) == null ? from : portNumber(range.group(2), port);
            if (from > to) {
                throw new InvalidRuleException("port range " + port + " ends before it starts");
            }
            rendered.add(from == to ? Integer.toString(from) : from + "-" + to);
        }
        return rendered;
    }

    private static int portNumber(String digits, String port) throws InvalidRuleException {
        int number = Integer.parseInt(digits);
        if (number < 1 || number > 65535) {
            throw invalidPort(port);
        }
        return number;
    }

    private static void requireNoPorts(String protocol, List<String> ports) throws InvalidRuleException {
        if (!ports.isEmpty()) {
            throw new InvalidRuleException("protocol " + protocol + " has no ports; only tcp and udp rules may list them");
        }
    }

    private static InvalidRuleException notIpv4(String role, String text) {
        return new InvalidRuleException(role + " " + Printable.quote(text) + " is not an IPv4 address or CIDR prefix");
    }

    private static InvalidRuleException invalidPort(String port) {
        return new InvalidRuleException(
                "port " + Printable.quote(port) + " is not a port (1-65535) or a range such as 8000-8100");
    }
}
