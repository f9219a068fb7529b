package io.netloom.projections.history;

import io.netloom.domain.ids.PeerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The intervals during which one peer could reach another, from an account's events fed in order with the state
 * each left. After each event that can change the pair's access ({@link PairRelevance}) it asks
 * {@link AccessFlows#between} of the two-peer snapshot; it never decides access itself.
 *
 * <p>Feed it the whole history from the account's first event, even for a later window: an interval already open
 * at the window's start is then cited with the event that really opened it, before the window.
 */
public final class AccessTimeline {

    private static final Comparator<AllowedFlow> FLOW_ORDER = Comparator.comparing(AllowedFlow::protocol)
            .thenComparing(flow -> String.join(",", flow.ports()));

    private final PeerId source;
    private final PeerId destination;
    private final Instant from;
    private final PairRelevance relevance;
    private final List<Open> intervals = new ArrayList<>();
    private List<AllowedFlow> flows = List.of();
    private Instant firstEventAt;
    private boolean inWindow;
    private boolean sourcePresent;
    private boolean destinationPresent;
    private boolean sourceSeen;
    private boolean destinationSeen;

    /**
     * @param from the window's start: the state then is the one the events at or before it left; null for the
     *     account's creation
     */
    public AccessTimeline(PeerId source, PeerId destination, Instant from) {
        this.source = source;
        this.destination = destination;
        this.from = from;
        this.relevance = new PairRelevance(source, destination);
    }

    /** Takes the next event of the history and the state just after it. */
    public void accept(EventRef event, Object payload, AccountState after) {
        if (firstEventAt == null) {
            firstEventAt = event.occurredAt();
        }
        if (!inWindow && from != null && event.occurredAt().isAfter(from)) {
            enterWindow();
        }
        if (!relevance.canChange(payload, after)) {
            return;
        }
        relevance.evaluated(payload, after);
        sourcePresent = after.peer(source).isPresent();
        destinationPresent = after.peer(destination).isPresent();
        if (inWindow || from == null) {
            sourceSeen |= sourcePresent;
            destinationSeen |= destinationPresent;
        }
        List<AllowedFlow> now = AccessFlows.between(after.snapshotOf(source, destination), source, destination)
                .stream().distinct().sorted(FLOW_ORDER).toList();
        if (now.equals(flows)) {
            return;
        }
        if (flows.isEmpty()) {
            intervals.add(new Open(event, now));
        } else if (now.isEmpty()) {
            last().closedBy = event;
        } else {
            last().changes.add(new FlowChange(event, now));
        }
        flows = now;
    }

    /** When the account's first event happened (its creation); null before any event was fed. */
    public Instant firstEventAt() {
        return firstEventAt;
    }

    /** Whether the source peer existed in the account at some moment of the window fed so far. */
    public boolean sourceSeen() {
        return sourceSeen || (!inWindow && sourcePresent);
    }

    public boolean destinationSeen() {
        return destinationSeen || (!inWindow && destinationPresent);
    }

    /** The intervals that overlap the window, those open at its start cut to begin there. */
    public List<AccessInterval> intervals() {
        List<AccessInterval> result = new ArrayList<>();
        for (Open interval : intervals) {
            boolean closedBeforeWindow = interval.closedBy != null && from != null
                    && !interval.closedBy.occurredAt().isAfter(from);
            if (!closedBeforeWindow) {
                result.add(interval.within(from));
            }
        }
        return result;
    }

    private void enterWindow() {
        inWindow = true;
        sourceSeen = sourcePresent;
        destinationSeen = destinationPresent;
    }

    private Open last() {
        return intervals.get(intervals.size() - 1);
    }

    /** An interval as it is being built. */
    private static final class Open {
        final EventRef openedBy;
        final List<AllowedFlow> flows;
        final List<FlowChange> changes = new ArrayList<>();
        EventRef closedBy;

        Open(EventRef openedBy, List<AllowedFlow> flows) {
            this.openedBy = openedBy;
            this.flows = flows;
        }

        /** The part of the interval after {@code from}: opened before, it starts there with the flows it had then. */
        AccessInterval within(Instant from) {
            Instant until = closedBy == null ? null : closedBy.occurredAt();
            if (from == null || openedBy.occurredAt().isAfter(from)) {
                return new AccessInterval(openedBy.occurredAt(), openedBy, false, flows, changes, until, closedBy);
            }
            List<AllowedFlow> atFrom = flows;
            List<FlowChange> later = new ArrayList<>();
            for (FlowChange change : changes) {
                if (change.event().occurredAt().isAfter(from)) {
                    later.add(change);
                } else {
                    atFrom = change.flows();
                }
            }
            return new AccessInterval(from, openedBy, true, atFrom, later, until, closedBy);
        }
    }
}
