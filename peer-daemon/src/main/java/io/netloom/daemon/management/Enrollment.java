package io.netloom.daemon.management;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.enrollment.PeerConfiguration;
import java.time.Instant;

/** This device's enrollment as kept in the state directory: where it enrolled, when, and what it was told. */
public record Enrollment(
        @JsonProperty("management_url") String managementUrl,
        @JsonProperty("enrolled_at") Instant enrolledAt,
        @JsonProperty("configuration") PeerConfiguration configuration) {
}
