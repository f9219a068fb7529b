package io.netloom.domain.network;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Required;
import io.netloom.domain.route.RoutePrefix;

/**
 * Where a network resource is, as NetBird's {@code address}: a host ("10.1.2.3" or "10.1.2.3/32") or a subnet
 * ("10.1.0.0/16"), parsed by {@link RoutePrefix} so resources and routes refuse the same typos (host bits set:
 * 422 with the normalised form). Domain resources ("example.com", "*.example.com") need DNS first.
 */
public record ResourceAddress(String address, RoutePrefix prefix) {

    private static final int HOST_LENGTH = 32;

    public ResourceAddress {
        Required.present(address, "address");
        Required.present(prefix, "address");
    }

    public static ResourceAddress parse(String text) {
        String address = Required.present(text, "address").trim();
        if (address.contains(":")) {
            throw CommandRejectedException.invalid("address must be IPv4; IPv6 resources are not supported yet");
        }
        if (address.chars().anyMatch(Character::isLetter) || address.contains("*")) {
            throw CommandRejectedException.invalid("domain resources need DNS, not supported yet");
        }
        return new ResourceAddress(address, new RoutePrefix(address.contains("/") ? address : address + "/32"));
    }

    /** NetBird's NetworkResourceType: a single address is a host, anything wider a subnet. */
    public ResourceType type() {
        return prefix.length() == HOST_LENGTH ? ResourceType.HOST : ResourceType.SUBNET;
    }
}
