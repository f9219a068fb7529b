package io.netloom.server.audit.history;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.AccessInterval;
import io.netloom.projections.history.AccessNeutralEvents;
import io.netloom.projections.history.AccessTimeline;
import io.netloom.projections.history.AllowedFlow;
import io.netloom.server.api.InvalidQueryParameterException;
import io.netloom.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** When one peer could reach another, and which events opened and closed that access (ADR 0035, decision 7). */
@RestController
@Tag(name = "Access history", description = "Who could reach what, when and why, replayed from the events (ADR 0035)")
public class AccessHistoryController {

    /**
     * The replay starts before any account, whatever the window: an interval already open at its start is then cited
     * with the event that really opened it, at the cost of a whole-history timeline (the one the targets measure).
     */
    private static final Instant BEFORE_ANY_ACCOUNT = Instant.EPOCH;
    private static final Set<String> NEUTRAL = AccessNeutralEvents.payloadTypes();

    private final AccountHistory history;
    private final EventCitations citations;
    private final Clock clock;

    public AccessHistoryController(AccountHistory history, EventCitations citations, Clock clock) {
        this.history = history;
        this.citations = citations;
        this.clock = clock;
    }

    @Operation(summary = "The intervals during which the source peer could reach the destination peer",
            description = "Access exists while the destination's map, as the live calculator makes it from the"
                    + " replayed events, has an inbound rule from the source. Each interval cites the event that"
                    + " opened it and the one that closed it (null while still open at to), with the flows at its"
                    + " start and each later change of them. An interval already open at from starts there with"
                    + " open_at_from true, citing the earlier event that opened it. Owners, admins and auditors only.")
    @GetMapping("/api/netloom/access-history")
    public AccessHistoryAnswer accessHistory(@AuthenticationPrincipal Caller caller,
            @Parameter(description = "the peer that starts the traffic") @RequestParam(required = false) String source,
            @Parameter(description = "the peer it reaches") @RequestParam(required = false) String destination,
            @Parameter(description = "RFC 3339; the account's creation when absent or earlier")
            @RequestParam(required = false) String from,
            @Parameter(description = "RFC 3339; now when absent") @RequestParam(required = false) String to) {
        HistoryRequests.requireReader(caller);
        PeerId sourcePeer = peerId("source", source);
        PeerId destinationPeer = peerId("destination", destination);
        if (sourcePeer.equals(destinationPeer)) {
            throw new InvalidQueryParameterException("source and destination must be two different peers");
        }
        Instant now = clock.instant();
        Instant lower = HistoryRequests.instant("from", from);
        Instant upper = to == null ? now : HistoryRequests.instant("to", to);
        requireNotFuture("from", lower, now);
        requireNotFuture("to", upper, now);
        HistoryRequests.requireOrdered(lower, upper);

        AccountId account = caller.accountId();
        AccessTimeline timeline = new AccessTimeline(sourcePeer, destinationPeer, lower);
        // Only the two peers' own events, and those every pair shares (policies, groups, blocks), can open or close
        // access between them: the others are left unread, in the store's query.
        EventSelection pairOnly = EventSelection.aboutPair(NEUTRAL, sourcePeer, destinationPeer);
        history.replay(account, BEFORE_ANY_ACCOUNT, upper, pairOnly,
                (event, state) -> timeline.accept(event.ref(), event.payload(), state))
                .orElseThrow(() -> new InvalidQueryParameterException(
                        "to " + upper + " is before this account existed"));
        requireSeen("source", source, timeline.sourceSeen(), lower, upper);
        requireSeen("destination", destination, timeline.destinationSeen(), lower, upper);
        Instant start = lower == null || lower.isBefore(timeline.firstEventAt()) ? timeline.firstEventAt() : lower;
        return new AccessHistoryAnswer(source, destination, start, upper,
                timeline.intervals().stream().map(interval -> cite(account, interval)).toList());
    }

    private AccessHistoryAnswer.Interval cite(AccountId account, AccessInterval interval) {
        return new AccessHistoryAnswer.Interval(interval.since(), interval.until(),
                citations.cite(account, interval.openedBy()), citations.cite(account, interval.closedBy()),
                interval.openAtFrom(), flows(interval.flows()), interval.changes().stream()
                        .map(change -> new AccessHistoryAnswer.Change(citations.cite(account, change.event()),
                                flows(change.flows())))
                        .toList());
    }

    private static List<AccessHistoryAnswer.Flow> flows(List<AllowedFlow> flows) {
        return flows.stream().map(flow -> new AccessHistoryAnswer.Flow(flow.protocol(), flow.ports())).toList();
    }

    private static PeerId peerId(String name, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidQueryParameterException(name + " is required: a peer id");
        }
        try {
            return new PeerId(id);
        } catch (CommandRejectedException malformed) {
            // A query parameter, not a body field: a 400 like the other parameters' errors rather than a 422.
            throw new InvalidQueryParameterException(name + " is not a peer id");
        }
    }

    private static void requireNotFuture(String name, Instant at, Instant now) {
        if (at != null && at.isAfter(now)) {
            throw new InvalidQueryParameterException(name + " " + at + " is in the future: history ends now");
        }
    }

    /** A peer of another account, or one this account did not have in the window, is a 404 alike. */
    private static void requireSeen(String name, String id, boolean seen, Instant from, Instant to) {
        if (!seen) {
            throw CommandRejectedException.notFound(name + " " + id + ": no such peer in this account between "
                    + (from == null ? "its creation" : from) + " and " + to);
        }
    }
}
