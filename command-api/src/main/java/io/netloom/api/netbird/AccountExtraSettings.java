package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code AccountExtraSettings} (optional {@code extra} of {@code AccountSettings};
 * used in responses and requests, hence boxed). All five properties are required when the object is present.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountExtraSettings(
    @JsonProperty("peer_approval_enabled") Boolean peerApprovalEnabled,
    @JsonProperty("user_approval_required") Boolean userApprovalRequired,
    @JsonProperty("network_traffic_logs_enabled") Boolean networkTrafficLogsEnabled,
    @JsonProperty("network_traffic_logs_groups") List<String> networkTrafficLogsGroups,
    @JsonProperty("network_traffic_packet_counter_enabled") Boolean networkTrafficPacketCounterEnabled) {

  /** Every extra feature disabled (Netloom implements none of them). */
  public static AccountExtraSettings disabled() {
    return new AccountExtraSettings(false, false, false, List.of(), false);
  }
}
