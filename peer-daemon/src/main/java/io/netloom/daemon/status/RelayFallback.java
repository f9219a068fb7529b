package io.netloom.daemon.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A relay passed over before the one a peer's path runs on: tried and failed while gathering, or {@code skipped}
 * because it was silent on this network before (ADR 0041).
 *
 * @param transport {@code udp}, {@code tcp} or {@code tls}
 * @param server {@code host:port}
 * @param reason what the attempt (or the remembered one) got, e.g. {@code no response}
 * @param at when that was
 */
public record RelayFallback(
        @JsonProperty("transport") String transport,
        @JsonProperty("server") String server,
        @JsonProperty("skipped") boolean skipped,
        @JsonProperty("reason") String reason,
        @JsonProperty("at") Instant at) {
}
