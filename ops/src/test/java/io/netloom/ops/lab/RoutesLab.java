package io.netloom.ops.lab;

import java.util.List;
import java.util.Optional;

/**
 * The routes lab of ops/lab/routes-lab.sh on top of {@link Lab}: site 1's LAN with the plain host h and routing
 * peers r1 and r2, site 2's LAN with the plain host h3 and routing peer r3, the exit node e and the plain host i on
 * the internet side. The plain hosts answer HTTP with the source address they see (ops/lab/whoami.py).
 */
final class RoutesLab {

    static final String SITE1 = "198.18.11.0/24";
    static final String SITE2 = "198.18.12.0/24";
    static final String H = "198.18.11.10";
    static final String R1 = "198.18.11.11";
    static final String R2 = "198.18.11.12";
    static final String H3 = "198.18.12.10";
    static final String R3 = "198.18.12.11";
    static final String E = "203.0.113.30";
    static final String I = "203.0.113.40";
    /** Where the clients' NATs (lab.sh's routers a and b) send from, and site 1's. */
    static final String NAT_A = "203.0.113.11";
    static final String NAT_B = "203.0.113.12";
    static final String NAT_SITE1 = "203.0.113.21";
    /** Host a's own LAN router. */
    static final String LAN_GATEWAY_A = "198.18.1.1";

    private RoutesLab() {
    }

    /** Adds the routes lab's namespaces and plain hosts to the lab {@link Lab#up()} built. */
    static void up() {
        Lab.check(Lab.run(List.of("bash", Lab.REPOSITORY.resolve("ops/lab/routes-lab.sh").toString(), "up"),
                120));
    }

    /** The source address the plain host at {@code url} saw for a request from {@code host}; empty without answer. */
    static Optional<String> whoAmI(String host, String url) {
        Lab.Result result = Lab.in(host, "curl", "-s", "-m", "2", url);
        return result.succeeded() ? Optional.of(result.output().strip()) : Optional.empty();
    }

    /**
     * Pulls the LAN cable of {@code host} at its site's bridge ({@code site} {@code s1} or {@code s2}): the host
     * vanishes as in a power cut, nothing is closed and nobody is told; {@link #plugIn} undoes it.
     */
    static void unplug(String site, String host) {
        Lab.check(Lab.in("rtr-" + site, "ip", "link", "set", "lan-" + host, "down"));
    }

    static void plugIn(String site, String host) {
        Lab.check(Lab.in("rtr-" + site, "ip", "link", "set", "lan-" + host, "up"));
    }

    static String http(String address) {
        return "http://" + address + "/";
    }

    static String http(String address, int port) {
        return "http://" + address + ":" + port + "/";
    }
}
