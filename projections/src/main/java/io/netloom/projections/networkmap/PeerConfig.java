package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonProperty;
/**
 * The peer's own interface settings.
 *
 * @param address overlay IP with the account network's prefix length, e.g. {@code 100.64.0.7/10}
 * @param fqdn the peer's DNS name inside the account domain
 */
public record PeerConfig(String address, String fqdn, @JsonProperty("dns_domain") String dnsDomain) {
}
