package io.netloom.daemon.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The peer's resolver as {@code netloom status -d} shows it.
 *
 * @param state {@code listening}, {@code off} (the map leaves the system's DNS alone), {@code failed} (see
 *     {@code lastError}) or {@code waiting} (no map yet)
 * @param listenAddress where it answers (UDP and TCP), {@code null} while it does not
 * @param management whether the map lets the daemon manage the system's DNS
 * @param system how the system's DNS is pointed at it: systemd-resolved, or resolv.conf and where its original is kept
 * @param searchDomains the search domains given to the system
 * @param peerNames how many names of the mesh it answers (this peer's and those of the peers in its map)
 * @param systemResolvers the system's resolvers from before, for names no rule takes when there is no primary group
 * @param lastError the newest thing that went wrong, {@code null} when all is well
 */
public record DnsStatus(
        @JsonProperty("state") String state,
        @JsonProperty("listen_address") String listenAddress,
        @JsonProperty("dns_domain") String dnsDomain,
        @JsonProperty("management") boolean management,
        @JsonProperty("system") String system,
        @JsonProperty("search_domains") List<String> searchDomains,
        @JsonProperty("peer_names") int peerNames,
        @JsonProperty("zones") List<Zone> zones,
        @JsonProperty("nameserver_groups") List<Group> nameserverGroups,
        @JsonProperty("system_resolvers") List<String> systemResolvers,
        @JsonProperty("queries") Queries queries,
        @JsonProperty("last_error") String lastError) {

    public DnsStatus {
        searchDomains = searchDomains == null ? List.of() : List.copyOf(searchDomains);
        zones = zones == null ? List.of() : zones.stream().filter(Objects::nonNull).toList();
        nameserverGroups = nameserverGroups == null ? List.of()
                : nameserverGroups.stream().filter(Objects::nonNull).toList();
        systemResolvers = systemResolvers == null ? List.of() : List.copyOf(systemResolvers);
    }

    /** A custom zone in effect and how many of its records the resolver answers from. */
    public record Zone(
            @JsonProperty("domain") String domain,
            @JsonProperty("records") int records,
            @JsonProperty("search_domain") boolean searchDomain) {
    }

    /**
     * A nameserver group in effect.
     *
     * @param nameservers {@code ip:port} each, in the order they are asked
     */
    public record Group(
            @JsonProperty("name") String name,
            @JsonProperty("nameservers") List<String> nameservers,
            @JsonProperty("primary") boolean primary,
            @JsonProperty("domains") List<String> domains) {

        public Group {
            nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
            domains = domains == null ? List.of() : List.copyOf(domains);
        }
    }

    /** Questions since the daemon started: answered here, answered upstream, failed, refused or dropped. */
    public record Queries(
            @JsonProperty("answered") long answered,
            @JsonProperty("forwarded") long forwarded,
            @JsonProperty("failed") long failed,
            @JsonProperty("refused") long refused) {
    }
}
