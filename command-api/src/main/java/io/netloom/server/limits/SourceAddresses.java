package io.netloom.server.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The key failures are counted under: an IPv4 address as it is, an IPv6 address by its /64, since
 * one subscriber usually gets a whole /64 and could otherwise try from 2^64 addresses.
 */
final class SourceAddresses {

    private static final int IPV6_PREFIX_BYTES = 8;

    private SourceAddresses() {
    }

    static String keyOf(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return String.valueOf(remoteAddress);
        }
        try {
            // An IP literal: parsed, never resolved.
            InetAddress address = InetAddress.getByName(remoteAddress);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException notALiteral) {
            return remoteAddress;
        }
    }
}
