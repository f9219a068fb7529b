package io.netloom.daemon.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Gives the overlay interface its address and MTU and brings it up. */
public final class InterfaceAddressing {

    // 576 is the smallest datagram every IPv4 host must accept; 65535 is the largest the kernel allows.
    private static final int MIN_MTU = 576;
    private static final int MAX_MTU = 65535;

    private static final ObjectMapper JSON = new ObjectMapper();

    private InterfaceAddressing() {
    }

    /**
     * Makes {@code addressWithPrefix} (e.g. {@code 100.64.0.7/10}) the interface's only address of
     * its family, sets the MTU and brings the link up. Safe to repeat, and to call again with a new
     * address: the old one is removed, so a device whose overlay address changed does not keep
     * answering on the previous one.
     */
    public static void assign(String interfaceName, String addressWithPrefix, int mtu) throws IOException {
        InterfaceNames.requireValid(interfaceName);
        IpPrefix wanted = IpPrefix.parse(addressWithPrefix);
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("MTU must be between " + MIN_MTU + " and " + MAX_MTU + ", got " + mtu);
        }
        Commands.run("ip", "address", "replace", wanted.toString(), "dev", interfaceName);
        for (IpPrefix stale : otherAddresses(interfaceName, wanted)) {
            Commands.run("ip", "address", "del", stale.toString(), "dev", interfaceName);
        }
        Commands.run("ip", "link", "set", "dev", interfaceName, "mtu", Integer.toString(mtu), "up");
    }

    /** Global addresses of the same family as {@code wanted}, other than {@code wanted} itself. */
    private static List<IpPrefix> otherAddresses(String interfaceName, IpPrefix wanted) throws IOException {
        String family = wanted.isIpv4() ? "inet" : "inet6";
        JsonNode links = JSON.readTree(Commands.run("ip", "-j", "address", "show", "dev", interfaceName));
        List<IpPrefix> others = new ArrayList<>();
        for (JsonNode link : links) {
            for (JsonNode address : link.path("addr_info")) {
                // Link-local addresses belong to the kernel's own bookkeeping, not to the overlay.
                if (!family.equals(address.path("family").asText()) || "link".equals(address.path("scope").asText())) {
                    continue;
                }
                InetAddress local = IpLiterals.parse(address.path("local").asText());
                IpPrefix present = new IpPrefix(local, address.path("prefixlen").asInt());
                if (!present.equals(wanted)) {
                    others.add(present);
                }
            }
        }
        return others;
    }
}
