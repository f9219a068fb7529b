package io.netloom.daemon.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Everything {@code netloom status} shows, as the daemon reports it over its control socket. */
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
        @JsonProperty("peers") List<PeerStatus> peers,
        @JsonProperty("problems") List<String> problems) {
}
