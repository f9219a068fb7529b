package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * This device's own place in the mesh: overlay address with prefix, and its name.
 *
 * @param dnsManagement whether the daemon takes over the system's DNS (docs/protocol.md §2d); {@code null} from
 *     servers older than that section, which then means yes, as for every peer outside a disabled management group
 * @param extraFqdns more names this device answers to in the mesh domain (ADR 0046); none when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MapConfig(
        @JsonProperty("address") String address,
        @JsonProperty("fqdn") String fqdn,
        @JsonProperty("dns_domain") String dnsDomain,
        @JsonProperty("dns_management") Boolean dnsManagement,
        @JsonProperty("extra_fqdns") List<String> extraFqdns) {

    public MapConfig {
        extraFqdns = extraFqdns == null ? List.of() : List.copyOf(extraFqdns);
    }

    /** A configuration as servers without DNS management settings send it. */
    public MapConfig(String address, String fqdn, String dnsDomain) {
        this(address, fqdn, dnsDomain, null, List.of());
    }

    /** Whether the daemon may take over the system's DNS. */
    public boolean dnsManaged() {
        return dnsManagement == null || dnsManagement;
    }
}
