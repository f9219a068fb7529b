package io.netloom.server.audit.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The outcome of recomputing an account's chain: ok with the number of events, or the first break. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChainVerification(boolean ok, long eventsChecked, Break firstBreak) {

    /**
     * Where the chain stops holding: the link's position and event, what the chain recorded
     * ({@code expected}) and what the stored row gives now ({@code found}).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Break(long position, String eventId, String reason, String expected, String found) {
    }
}
