package io.netloom.server.audit.history;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.AccountReplay;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.AccountStateData;
import io.netloom.projections.history.EventPosition;
import io.netloom.projections.history.EventRef;
import io.netloom.server.api.InvalidQueryParameterException;
import io.netloom.server.audit.history.snapshot.NetworkModelSnapshots;
import io.netloom.server.audit.history.snapshot.SnapshotPoint;
import io.netloom.server.identity.IdentityProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * An account's network model at any instant of its history, replayed from its stored events through the live
 * projection's rules (ADR 0035): from the latest stored snapshot that instant allows (decision 4), then the
 * events after it.
 */
@Component
public class AccountHistory {

    private final HistoryEvents events;
    private final NetworkModelSnapshots snapshots;
    private final boolean offboardSetupKeyPeers;
    private final Clock clock;

    public AccountHistory(HistoryEvents events, NetworkModelSnapshots snapshots, IdentityProperties identity,
            Clock clock) {
        this.events = events;
        this.snapshots = snapshots;
        this.offboardSetupKeyPeers = identity.offboardSetupKeyPeers();
        this.clock = clock;
    }

    /**
     * The account at {@code at}, for a request: a time in the future or before the account existed is a 400 that
     * says so (the parameter named {@code name}).
     */
    public HistoricState existingAt(AccountId account, String name, Instant at) {
        return existingAt(account, name, at, EventSelection.EVERY_EVENT);
    }

    /** The same, reading only the selected events (see {@link #at(AccountId, Instant, EventSelection)}). */
    public HistoricState existingAt(AccountId account, String name, Instant at, EventSelection selection) {
        if (at.isAfter(clock.instant())) {
            throw new InvalidQueryParameterException(name + " " + at + " is in the future: history ends now");
        }
        return at(account, at, selection).orElseThrow(() -> new InvalidQueryParameterException(
                name + " " + at + " is before this account existed"));
    }

    /**
     * The account at {@code at} as far as two peers are concerned (ADR 0035, decision 10), for a request: its state
     * holds only those two of its peers (those that existed then) with their memberships, and every group, policy
     * and block; it starts from the snapshot restricted to them and reads, besides the events of the skipped types,
     * only those that name one of them or are not peer-scoped ({@link EventSelection#aboutPair}). Exactly what
     * decides whether one reaches the other ({@code AccessFlows.between}), at a fraction of a large account's cost.
     * A time in the future or before the account existed is a 400, as for {@link #existingAt}.
     */
    public HistoricState existingForPair(AccountId account, String name, Instant at, Set<String> skippedPayloadTypes,
            PeerId first, PeerId second) {
        if (at.isAfter(clock.instant())) {
            throw new InvalidQueryParameterException(name + " " + at + " is in the future: history ends now");
        }
        Replay replay = startAt(account, at, List.of(first, second));
        replay.advance(at, EventSelection.aboutPair(skippedPayloadTypes, first, second), event -> { });
        return replay.state().map(state -> new HistoricState(state, replay.last(), at))
                .orElseThrow(() -> new InvalidQueryParameterException(name + " " + at + " is before this account existed"));
    }

    /** The account as the events up to {@code at} (inclusive) left it; empty if it did not exist yet. */
    public Optional<HistoricState> at(AccountId account, Instant at) {
        return at(account, at, EventSelection.EVERY_EVENT);
    }

    /**
     * The account at {@code at} from the latest snapshot before it and the later events the selection reads: what
     * the others set (presence, say) is as the snapshot had it, and the last event is the last one read.
     */
    public Optional<HistoricState> at(AccountId account, Instant at, EventSelection selection) {
        Replay replay = startAt(account, at);
        replay.advance(at, selection, event -> { });
        return replay.state().map(state -> new HistoricState(state, replay.last(), at));
    }

    /**
     * Replays the account's events up to {@code until} (inclusive) in chain order, handing each event later than
     * {@code from} and the state just after it to {@code afterEach}; returns the state at {@code until}, empty if
     * the account did not exist by then. Before the account exists, {@code afterEach} is not called.
     */
    public Optional<HistoricState> replay(AccountId account, Instant from, Instant until,
            BiConsumer<HistoryEvent, AccountState> afterEach) {
        return replay(account, from, until, EventSelection.EVERY_EVENT, afterEach);
    }

    /**
     * The same, reading only the selected events: for a question the others cannot change the answer to (the
     * states handed on then differ from the real ones in what those events set, e.g. presence).
     */
    public Optional<HistoricState> replay(AccountId account, Instant from, Instant until,
            EventSelection selection, BiConsumer<HistoryEvent, AccountState> afterEach) {
        Replay replay = startAt(account, from);
        // One pass in chain order: an event committed after another may carry an earlier time, so "up to from"
        // and "after from" are not two ranges of positions.
        replay.advance(until, selection, event -> {
            if (event.ref().occurredAt().isAfter(from)) {
                replay.state().ifPresent(state -> afterEach.accept(event, state));
            }
        });
        return replay.state().map(state -> new HistoricState(state, replay.last(), until));
    }

    /** A replay from the latest snapshot holding only events at or before {@code at}, or from the beginning. */
    private Replay startAt(AccountId account, Instant at) {
        return startAt(account, at, null);
    }

    /** The same, the snapshot restricted to {@code peers} unless null (see {@link #existingForPair}). */
    private Replay startAt(AccountId account, Instant at, List<PeerId> peers) {
        Optional<SnapshotPoint> point = snapshots.latestAtOrBefore(account, at);
        if (point.isPresent()) {
            long position = point.get().position();
            Optional<AccountState> state = (peers == null ? snapshots.state(account, position)
                    : snapshots.stateOf(account, position, peers)).map(AccountStateData::toState);
            if (state.isPresent()) {
                return new Replay(account, new AccountReplay(account, state.get(), offboardSetupKeyPeers), position);
            }
        }
        return new Replay(account, new AccountReplay(account, null, offboardSetupKeyPeers), 0);
    }

    /** One replay under way: the model, the position it has reached and the last event it applied. */
    private final class Replay {

        private final AccountId account;
        private final AccountReplay model;
        private long position;
        private EventRef last;

        Replay(AccountId account, AccountReplay model, long position) {
            this.account = account;
            this.model = model;
            this.position = position;
        }

        /** Applies the selected events after the position reached, up to {@code until}. */
        void advance(Instant until, EventSelection selection, Consumer<HistoryEvent> afterEach) {
            events.forEach(account, position, Long.MAX_VALUE, until, selection, event -> {
                model.apply(event.payload(), event.ref());
                position = event.ref().position();
                last = event.ref();
                afterEach.accept(event);
            });
        }

        Optional<AccountState> state() {
            return model.state();
        }

        /** The last event applied; for a replay that began at a snapshot and applied none since, the snapshot's. */
        EventRef last() {
            if (last == null && position > 0) {
                last = events.ref(account, new EventPosition(position)).orElse(null);
            }
            return last;
        }
    }
}
