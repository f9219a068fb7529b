package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A peer this peer may open a WireGuard tunnel with.
 *
 * @param allowedIp the remote's overlay address as a WireGuard allowed IP ({@code /32})
 * @param extraFqdns its extra DNS labels as names in the account's domain (ADR 0046); left out of the JSON when
 *     empty, as almost always, so a joining peer's entry costs no more bytes than before
 */
public record RemotePeer(
        String id,
        @JsonProperty("public_key") String publicKey,
        @JsonProperty("allowed_ip") String allowedIp,
        String fqdn,
        boolean connected,
        @JsonProperty("extra_fqdns") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> extraFqdns)
        implements Comparable<RemotePeer> {

    public RemotePeer {
        extraFqdns = extraFqdns == null ? List.of() : List.copyOf(extraFqdns);
    }

    /** A remote without extra names. */
    public RemotePeer(String id, String publicKey, String allowedIp, String fqdn, boolean connected) {
        this(id, publicKey, allowedIp, fqdn, connected, List.of());
    }

    @Override
    public int compareTo(RemotePeer other) {
        return id.compareTo(other.id);
    }
}
