package io.netloom.daemon.firewall;

import io.netloom.daemon.link.IpPrefix;
import io.netloom.daemon.link.Printable;
import io.netloom.daemon.map.InboundRule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates one inbound rule into the nftables match that precedes {@code accept}. Every piece of
 * the output is rebuilt from parsed numbers and addresses, never copied from the input, so a map
 * cannot smuggle nft syntax into the script.
 */
final class InboundRuleMatch {

    private static final Pattern PORTS = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?");

    private InboundRuleMatch() {
    }

    static String of(InboundRule rule) throws InvalidRuleException {
        String source = "ip saddr " + source(rule.source());
        String protocol = rule.protocol() == null ? "" : rule.protocol();
        List<String> ports = rule.ports();
        switch (protocol) {
            case "all" -> {
                requireNoPorts(protocol, ports);
                return source;
            }
            case "icmp" -> {
                requireNoPorts(protocol, ports);
                return source + " meta l4proto icmp";
            }
            case "tcp", "udp" -> {
                return ports.isEmpty()
                        ? source + " meta l4proto " + protocol
                        : source + " " + protocol + " dport { " + String.join(", ", portsOf(ports)) + " }";
            }
            default -> throw new InvalidRuleException(
                    "protocol " + Printable.quote(rule.protocol()) + " is not one of all, tcp, udp, icmp");
        }
    }

    private static String source(String source) throws InvalidRuleException {
        IpPrefix prefix;
        try {
            prefix = IpPrefix.parseAddressOrPrefix(source);
        } catch (IllegalArgumentException e) {
            throw notIpv4(source);
        }
        if (!prefix.isIpv4()) {
            throw notIpv4(source);
        }
        if (prefix.hasHostBits()) {
            throw new InvalidRuleException("source " + source + " has host bits set; did you mean "
                    + prefix.network() + " or " + prefix.address().getHostAddress() + "?");
        }
        return prefix.isSingleHost() ? prefix.address().getHostAddress() : prefix.toString();
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

    private static InvalidRuleException notIpv4(String source) {
        return new InvalidRuleException("source " + Printable.quote(source) + " is not an IPv4 address or CIDR prefix");
    }

    private static InvalidRuleException invalidPort(String port) {
        return new InvalidRuleException(
                "port " + Printable.quote(port) + " is not a port (1-65535) or a range such as 8000-8100");
    }
}
