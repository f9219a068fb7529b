package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A custom zone this device receives (docs/protocol.md §2d); its records are the {@link DnsRecord}s naming it.
 *
 * @param searchDomain whether the zone is also a search domain
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DnsZone(@JsonProperty("domain") String domain, @JsonProperty("search_domain") boolean searchDomain) {
}
