package io.netloom.daemon.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** How the daemon's link to a control-plane service stands. */
public record ServiceStatus(
        @JsonProperty("url") String url,
        @JsonProperty("state") String state,
        @JsonProperty("since") Instant since,
        @JsonProperty("last_error") String lastError) {
}
