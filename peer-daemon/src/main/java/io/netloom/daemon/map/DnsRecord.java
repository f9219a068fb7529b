package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One record of a custom zone (docs/protocol.md §2d).
 *
 * @param zone the domain of the zone it belongs to
 * @param name a name in that zone, possibly starting with a wildcard label ({@code *.lab.example})
 * @param type {@code A}, {@code AAAA} or {@code CNAME}
 * @param content an address, or for a CNAME the target name without the trailing dot
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DnsRecord(
        @JsonProperty("zone") String zone,
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonProperty("content") String content,
        @JsonProperty("ttl") int ttl) {
}
