package io.netloom.ops.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DNS as a lab host sees it: {@code dig} and {@code getent} through the host's own resolv.conf (each lab namespace
 * has one, ops/lab/lib.sh), and dnsmasq answering on a router's LAN address.
 */
final class LabDns {

    private static final Pattern STATUS = Pattern.compile("status: ([A-Z]+)");
    private static final Pattern IPV4 = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private LabDns() {
    }

    /** The file {@code ip netns exec} shows as /etc/resolv.conf in {@code host}. */
    static Path resolvConf(String host) {
        return Path.of("/etc/netns", Lab.namespace(host), "resolv.conf");
    }

    static byte[] resolvConfBytes(String host) {
        try {
            return Files.readAllBytes(resolvConf(host));
        } catch (IOException e) {
            throw new AssertionError("the lab host " + host + " has no resolv.conf of its own: " + e.getMessage(), e);
        }
    }

    /** The IPv4 addresses {@code dig} gets for {@code name} from the host's resolver (none: an empty list). */
    static List<String> addresses(String host, String name) {
        List<String> addresses = new ArrayList<>();
        for (String line : dig(host, "+short", name).lines().toList()) {
            if (IPV4.matcher(line.strip()).matches()) {
                addresses.add(line.strip());
            }
        }
        return addresses;
    }

    /** The response code {@code dig} gets for {@code name}: NOERROR, NXDOMAIN, SERVFAIL, or "no answer". */
    static String status(String host, String name) {
        Matcher status = STATUS.matcher(dig(host, name));
        return status.find() ? status.group(1) : "no answer";
    }

    /** The name {@code dig -x} gets for {@code ip} from the host's resolver, with its trailing dot ("": none). */
    static String reverse(String host, String ip) {
        return dig(host, "+short", "-x", ip).strip();
    }

    /** The response code {@code dig -x} gets for {@code ip}. */
    static String reverseStatus(String host, String ip) {
        Matcher status = STATUS.matcher(dig(host, "-x", ip));
        return status.find() ? status.group(1) : "no answer";
    }

    /** What glibc makes of {@code name} in {@code host} (files, then DNS through resolv.conf): the address or "". */
    static String getent(String host, String name) {
        Lab.Result result = Lab.in(host, "getent", "hosts", name);
        return result.succeeded() ? result.output().strip().split("\\s+")[0] : "";
    }

    /**
     * A dnsmasq on {@code host}, answering only from {@code options} (no upstream, no /etc/hosts) on
     * {@code address}:{@code port}; {@code lab.sh down} stops it with everything else in the lab's namespaces.
     */
    static void dnsmasq(String host, String address, int port, String... options) {
        String name = "dnsmasq-" + host + "-" + port;
        List<String> command = new ArrayList<>(List.of("dnsmasq", "--conf-file=/dev/null", "--no-resolv",
                "--no-hosts", "--bind-interfaces", "--listen-address=" + address, "--port=" + port,
                "--pid-file=" + Lab.LAB_DIR.resolve(name + ".pid"), "--log-facility=" + Lab.LAB_DIR.resolve(name
                        + ".log"), "--log-queries"));
        command.addAll(List.of(options));
        Lab.check(Lab.in(host, command.toArray(String[]::new)));
    }

    private static String dig(String host, String... arguments) {
        List<String> command = new ArrayList<>(List.of("dig", "+time=2", "+tries=1"));
        command.addAll(List.of(arguments));
        return Lab.in(host, command.toArray(String[]::new)).output();
    }
}
