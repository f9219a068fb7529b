package io.netloom.projections.history;

import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PortRange;
import java.util.List;
import java.util.Set;

/**
 * The traffic an explanation asks about. A flow with protocol {@code all} covers every protocol, empty ports cover
 * every port, and asking for {@code all} asks for every protocol at once, which only an {@code all} flow covers.
 *
 * @param protocol {@code all}, {@code tcp}, {@code udp} or {@code icmp}; null for any traffic at all
 * @param port a port, only with {@code tcp} or {@code udp}; null for any port
 */
public record Traffic(String protocol, Integer port) {

    public static final Traffic ANY = new Traffic(null, null);

    private static final Set<String> PROTOCOLS = Set.of("all", "tcp", "udp", "icmp");
    private static final int MAX_PORT = 65535;

    public Traffic {
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("protocol must be tcp, udp, icmp or all");
        }
        if (port != null && !("tcp".equals(protocol) || "udp".equals(protocol))) {
            throw new IllegalArgumentException("port needs protocol tcp or udp");
        }
        if (port != null && (port < 1 || port > MAX_PORT)) {
            throw new IllegalArgumentException("port must lie within 1..65535");
        }
    }

    /** Whether a flow (an inbound or forward rule) with this protocol and these ports lets the traffic through. */
    public boolean covers(String allowedProtocol, List<String> allowedPorts) {
        return coversProtocol(allowedProtocol) && coversPort(allowedPorts);
    }

    boolean coversProtocol(String allowedProtocol) {
        return protocol == null || allowedProtocol.equals("all") || allowedProtocol.equals(protocol);
    }

    boolean coversPort(List<String> allowedPorts) {
        return port == null || allowedPorts.isEmpty() || allowedPorts.stream().anyMatch(range -> inRange(range, port));
    }

    /** "tcp port 22", "any icmp", "any traffic". */
    String describe() {
        if (protocol == null) {
            return "any traffic";
        }
        if (protocol.equals("all")) {
            return "every protocol";
        }
        return port == null ? "any " + protocol : protocol + " port " + port;
    }

    /** A rule's ports as maps write them: {@code "22"}, {@code "8000-8100"}. */
    static List<String> portsOf(PolicyRule rule) {
        return rule.ports().stream().map(Traffic::portText).toList();
    }

    /** "tcp 22, 8000-8100", "all protocols", "icmp". */
    static String describe(String protocol, List<String> ports) {
        if (protocol.equals("all")) {
            return "all protocols";
        }
        return ports.isEmpty() ? protocol + " (every port)" : protocol + " " + String.join(", ", ports);
    }

    private static String portText(PortRange range) {
        return range.start() == range.end() ? Integer.toString(range.start()) : range.start() + "-" + range.end();
    }

    private static boolean inRange(String range, int port) {
        int dash = range.indexOf('-');
        int start = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
        int end = Integer.parseInt(dash < 0 ? range : range.substring(dash + 1));
        return port >= start && port <= end;
    }
}
