package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** This device's own place in the mesh: overlay address with prefix, and its name. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MapConfig(
        @JsonProperty("address") String address,
        @JsonProperty("fqdn") String fqdn,
        @JsonProperty("dns_domain") String dnsDomain) {
}
