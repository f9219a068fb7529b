package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A peer this device may talk to, as the gateway describes it.
 *
 * @param extraFqdns more names it answers to in the mesh domain (its extra DNS labels, ADR 0046); none when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemotePeer(
        @JsonProperty("id") String id,
        @JsonProperty("public_key") String publicKey,
        @JsonProperty("allowed_ip") String allowedIp,
        @JsonProperty("fqdn") String fqdn,
        @JsonProperty("connected") boolean connected,
        @JsonProperty("extra_fqdns") List<String> extraFqdns) {

    public RemotePeer {
        extraFqdns = extraFqdns == null ? List.of() : List.copyOf(extraFqdns);
    }

    /** A peer without extra names, as almost every one is. */
    public RemotePeer(String id, String publicKey, String allowedIp, String fqdn, boolean connected) {
        this(id, publicKey, allowedIp, fqdn, connected, List.of());
    }
}
