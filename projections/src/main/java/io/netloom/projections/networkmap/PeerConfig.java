package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The peer's own interface settings.
 *
 * @param address overlay IP with the account network's prefix length, e.g. {@code 100.64.0.7/10}
 * @param fqdn the peer's DNS name inside the account domain
 * @param dnsManagement whether the daemon manages the system's DNS (docs/protocol.md §2d): false for a peer in
 *     one of the account's disabled management groups
 * @param extraFqdns the peer's extra DNS labels as names in the account's domain (ADR 0046); left out when empty
 */
public record PeerConfig(
        String address,
        String fqdn,
        @JsonProperty("dns_domain") String dnsDomain,
        @JsonProperty("dns_management") boolean dnsManagement,
        @JsonProperty("extra_fqdns") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> extraFqdns) {

    public PeerConfig {
        extraFqdns = extraFqdns == null ? List.of() : List.copyOf(extraFqdns);
    }

    /** The configuration of a peer whose DNS is managed, as every peer's is unless settings say otherwise. */
    public PeerConfig(String address, String fqdn, String dnsDomain) {
        this(address, fqdn, dnsDomain, true, List.of());
    }
}
