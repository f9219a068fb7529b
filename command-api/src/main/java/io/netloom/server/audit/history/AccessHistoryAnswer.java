package io.netloom.server.audit.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * When one peer could reach another within a window: the intervals during which some flow from source to
 * destination existed, each with the events that opened and closed it.
 *
 * @param from the window's start: as asked, or the account's creation when asked for earlier or not given
 */
public record AccessHistoryAnswer(String source, String destination, Instant from, Instant to,
        List<Interval> intervals) {

    /**
     * @param since when access began, or {@code from} when it already existed then ({@code open_at_from})
     * @param until when it ended; null while still open at {@code to}
     * @param openedBy the event after which access existed; when {@code open_at_from}, an event before {@code from}
     * @param closedBy the event after which it no longer did; null while still open
     * @param flows the flows at {@code since}
     * @param changes the flows as each later event left them while access lasted
     */
    public record Interval(Instant since, Instant until, @JsonProperty("opened_by") CitedEvent openedBy,
            @JsonProperty("closed_by") CitedEvent closedBy, @JsonProperty("open_at_from") boolean openAtFrom,
            List<Flow> flows, List<Change> changes) {
    }

    /** Traffic allowed from source to destination: a protocol to ports (empty: every port). */
    public record Flow(String protocol, List<String> ports) {
    }

    public record Change(CitedEvent event, List<Flow> flows) {
    }
}
