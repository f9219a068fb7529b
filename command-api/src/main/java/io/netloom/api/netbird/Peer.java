package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.api.netloom.ReportedConnection;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code Peer} ({@code PeerMinimum} + its own object; response of
 * {@code GET/PUT /api/peers/{peerId}}). Every component here is required by the schema, so none may be null:
 * use {@code ""} for unknown strings, {@code 0} for an unknown {@code geoname_id} and NetBird's zero time
 * {@code 0001-01-01T00:00:00Z} ({@link NetbirdTimes#ZERO}) for a peer that never logged in ({@code last_login}). The schema's optional
 * {@code ipv6}, {@code disapproval_reason} and {@code local_flags} are not mirrored. One Netloom extension, named with
 * the {@code netloom_} prefix so that no later NetBird field can collide with it (NetBird's clients ignore fields they
 * do not know): {@code netloom_connections}, the paths the peer's daemon reports (ADR 0038).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Peer(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("ip") String ip,
    @JsonProperty("connection_ip") String connectionIp,
    @JsonProperty("connected") boolean connected,
    @JsonProperty("last_seen") Instant lastSeen,
    @JsonProperty("os") String os,
    @JsonProperty("kernel_version") String kernelVersion,
    @JsonProperty("geoname_id") int geonameId,
    @JsonProperty("version") String version,
    @JsonProperty("groups") List<GroupMinimum> groups,
    @JsonProperty("ssh_enabled") boolean sshEnabled,
    @JsonProperty("user_id") String userId,
    @JsonProperty("hostname") String hostname,
    @JsonProperty("ui_version") String uiVersion,
    @JsonProperty("dns_label") String dnsLabel,
    @JsonProperty("login_expiration_enabled") boolean loginExpirationEnabled,
    @JsonProperty("login_expired") boolean loginExpired,
    @JsonProperty("last_login") Instant lastLogin,
    @JsonProperty("inactivity_expiration_enabled") boolean inactivityExpirationEnabled,
    @JsonProperty("approval_required") boolean approvalRequired,
    @JsonProperty("country_code") String countryCode,
    @JsonProperty("city_name") String cityName,
    @JsonProperty("serial_number") String serialNumber,
    @JsonProperty("extra_dns_labels") List<String> extraDnsLabels,
    @JsonProperty("ephemeral") boolean ephemeral,
    @Schema(description = "Netloom extension: the paths this peer's daemon reports it uses to other peers, while it "
        + "is connected; empty when it is not, or has reported none (ADR 0038)")
    @JsonProperty("netloom_connections") List<ReportedConnection> netloomConnections) {}
