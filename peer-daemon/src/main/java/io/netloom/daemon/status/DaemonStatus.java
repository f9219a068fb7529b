package io.netloom.daemon.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.daemon.map.ServedRoute;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code netloom status} shows, as the daemon reports it over its control socket. The CLI
 * reads it from a socket, so absent lists read as empty and null entries are dropped.
 *
 * @param dns the peer's resolver; {@code null} from a daemon without one
 */
public record DaemonStatus(
        @JsonProperty("daemon_version") String daemonVersion,
        @JsonProperty("pid") long pid,
        @JsonProperty("management") ServiceStatus management,
        @JsonProperty("gateway") ServiceStatus gateway,
        @JsonProperty("peer_id") String peerId,
        @JsonProperty("public_key") String publicKey,
        @JsonProperty("overlay_ip") String overlayIp,
        @JsonProperty("fqdn") String fqdn,
        @JsonProperty("interface_name") String interfaceName,
        @JsonProperty("interface_type") String interfaceType,
        @JsonProperty("wireguard_port") int wireGuardPort,
        @JsonProperty("map_serial") Long mapSerial,
        @JsonProperty("turn_credentials_expire_at") Instant turnCredentialsExpireAt,
        @JsonProperty("peers") List<PeerStatus> peers,
        @JsonProperty("problems") List<String> problems,
        @JsonProperty("routes") List<RouteStatus> routes,
        @JsonProperty("served_routes") List<ServedRoute> servedRoutes,
        @JsonProperty("dns") DnsStatus dns) {

    public DaemonStatus {
        peers = peers == null ? List.of() : peers.stream().filter(Objects::nonNull).toList();
        problems = problems == null ? List.of() : problems.stream().filter(Objects::nonNull).toList();
        routes = routes == null ? List.of() : routes.stream().filter(Objects::nonNull).toList();
        servedRoutes = servedRoutes == null ? List.of() : servedRoutes.stream().filter(Objects::nonNull).toList();
    }

    /** A status without routes, used or served, and without DNS. */
    public DaemonStatus(String daemonVersion, long pid, ServiceStatus management, ServiceStatus gateway,
            String peerId, String publicKey, String overlayIp, String fqdn, String interfaceName,
            String interfaceType, int wireGuardPort, Long mapSerial, Instant turnCredentialsExpireAt,
            List<PeerStatus> peers, List<String> problems) {
        this(daemonVersion, pid, management, gateway, peerId, publicKey, overlayIp, fqdn, interfaceName,
                interfaceType, wireGuardPort, mapSerial, turnCredentialsExpireAt, peers, problems, List.of(),
                List.of(), null);
    }
}
