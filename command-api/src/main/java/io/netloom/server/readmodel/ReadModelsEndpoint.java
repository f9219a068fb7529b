package io.netloom.server.readmodel;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/readmodels} on the management port, with the operator's token (ADR 0053): runs
 * {@link ReadModelCheck} and answers whether this process's live models equal a replay of the store, with the
 * checksums of both sides. One check at a time: a second caller waits for the first.
 */
@Component
@Endpoint(id = "readmodels")
public class ReadModelsEndpoint {

    private final ReadModelCheck check;

    public ReadModelsEndpoint(ReadModelCheck check) {
        this.check = check;
    }

    /** What the operator reads; {@code equal} is the answer, the rest says where and at what position. */
    public record Report(String outcome, boolean equal, long position, @JsonProperty("events_replayed") long eventsReplayed,
            @JsonProperty("live_checksum") String liveChecksum,
            @JsonProperty("replayed_checksum") String replayedChecksum, List<String> differences) {
    }

    @ReadOperation
    public synchronized WebEndpointResponse<Report> check() {
        ReadModelCheck.Result result = check.run();
        if (result.outcome() == ReadModelCheck.Outcome.NO_QUIET_MOMENT) {
            return new WebEndpointResponse<>(new Report(result.outcome().name(), false, -1, 0, null, null,
                    List.of("events kept being appended during the check; try again when writes pause")), 503);
        }
        return new WebEndpointResponse<>(new Report(result.outcome().name(),
                result.outcome() == ReadModelCheck.Outcome.EQUAL, result.position(), result.eventsReplayed(),
                result.live().checksum(), result.replayed().checksum(), result.differences()), 200);
    }
}
