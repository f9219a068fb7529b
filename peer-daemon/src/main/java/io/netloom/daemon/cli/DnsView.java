package io.netloom.daemon.cli;

import io.netloom.daemon.status.DnsStatus;
import java.util.stream.Collectors;

/** How {@code netloom status} shows the peer's resolver: one line, or with {@code -d} everything in effect. */
final class DnsView {

    private DnsView() {
    }

    static String line(DnsStatus dns) {
        return "DNS: " + resolver(dns) + (dns.lastError() == null ? "" : " (" + dns.lastError() + ")") + "\n";
    }

    static String detail(DnsStatus dns) {
        StringBuilder out = new StringBuilder("DNS:\n");
        line(out, "Resolver", resolver(dns));
        line(out, "Domain", dns.dnsDomain() == null ? "-"
                : dns.dnsDomain() + " (" + dns.peerNames() + " peer name" + (dns.peerNames() == 1 ? "" : "s") + ")");
        line(out, "System", dns.management() ? dns.system() : "left alone (DNS management disabled for this peer)");
        line(out, "Search domains", dns.searchDomains().isEmpty() ? "-" : String.join(" ", dns.searchDomains()));
        line(out, "Zones", dns.zones().isEmpty() ? "-" : dns.zones().stream()
                .map(zone -> zone.domain() + " (" + zone.records() + " record" + (zone.records() == 1 ? "" : "s")
                        + (zone.searchDomain() ? ", search domain" : "") + ")")
                .collect(Collectors.joining(", ")));
        if (dns.nameserverGroups().isEmpty()) {
            line(out, "Nameserver groups", "-");
        } else {
            out.append("  Nameserver groups:\n");
        }
        for (DnsStatus.Group group : dns.nameserverGroups()) {
            out.append("    ").append(group.name()).append(": ").append(String.join(", ", group.nameservers()))
                    .append(group.primary() ? " for every other name" : " for " + String.join(", ", group.domains()))
                    .append('\n');
        }
        boolean primary = dns.nameserverGroups().stream().anyMatch(DnsStatus.Group::primary);
        line(out, "System resolvers", dns.systemResolvers().isEmpty() ? "-"
                : String.join(", ", dns.systemResolvers()) + (primary ? " (not used: a primary group answers)" : ""));
        if (dns.queries() != null) {
            line(out, "Queries", dns.queries().answered() + " answered, " + dns.queries().forwarded()
                    + " forwarded, " + dns.queries().failed() + " failed, " + dns.queries().refused() + " refused");
        }
        if (dns.lastError() != null) {
            line(out, "Last error", dns.lastError());
        }
        return out.toString();
    }

    private static String resolver(DnsStatus dns) {
        return switch (dns.state() == null ? "" : dns.state()) {
            case "listening" -> "listening on " + dns.listenAddress();
            case "off" -> "off (DNS management disabled for this peer)";
            case "waiting" -> "waiting for the first map";
            default -> "not listening";
        };
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("  ").append(label).append(": ").append(value).append('\n');
    }
}
