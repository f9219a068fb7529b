package io.netloom.server.audit.history;

import io.netloom.domain.ids.AccountId;
import io.netloom.projections.history.AccountReplay;
import io.netloom.projections.history.EventRef;
import io.netloom.server.identity.IdentityProperties;
import io.netloom.server.api.InvalidQueryParameterException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import io.netloom.projections.history.AccountState;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * An account's network model at any instant of its history, replayed from its stored events through the live
 * projection's rules (ADR 0035).
 */
@Component
public class AccountHistory {

    private final HistoryEvents events;
    private final boolean offboardSetupKeyPeers;
    private final Clock clock;

    public AccountHistory(HistoryEvents events, IdentityProperties identity, Clock clock) {
        this.events = events;
        this.offboardSetupKeyPeers = identity.offboardSetupKeyPeers();
        this.clock = clock;
    }

    /**
     * The account at {@code at}, for a request: a time in the future or before the account existed is a 400 that
     * says so (the parameter named {@code name}).
     */
    public HistoricState existingAt(AccountId account, String name, Instant at) {
        if (at.isAfter(clock.instant())) {
            throw new InvalidQueryParameterException(name + " " + at + " is in the future: history ends now");
        }
        return at(account, at).orElseThrow(() -> new InvalidQueryParameterException(
                name + " " + at + " is before this account existed"));
    }

    /** The account as the events up to {@code at} (inclusive) left it; empty if it did not exist yet. */
    public Optional<HistoricState> at(AccountId account, Instant at) {
        AccountReplay replay = new AccountReplay(account, null, offboardSetupKeyPeers);
        EventRef last = replayInto(replay, account, 0, at, event -> { });
        return replay.state().map(state -> new HistoricState(state, last, at));
    }

    /**
     * Replays the account to {@code from} silently, then each later event up to {@code until} (inclusive), handing
     * the event and the state just after it to {@code afterEach}; returns the state at {@code until}, empty if the
     * account did not exist by then. Before the account exists, {@code afterEach} is not called.
     */
    public Optional<HistoricState> replay(AccountId account, Instant from, Instant until,
            BiConsumer<HistoryEvent, AccountState> afterEach) {
        return replay(account, from, until, Set.of(), afterEach);
    }

    /**
     * The same, leaving out the events of the skipped payload types altogether: for a question they cannot change
     * the answer to (the states handed on then differ from the real ones in what those events set, e.g. presence).
     */
    public Optional<HistoricState> replay(AccountId account, Instant from, Instant until,
            Set<String> skippedPayloadTypes, BiConsumer<HistoryEvent, AccountState> afterEach) {
        AccountReplay replay = new AccountReplay(account, null, offboardSetupKeyPeers);
        EventRef atFrom = replayInto(replay, account, 0, from, skippedPayloadTypes, event -> { });
        EventRef last = replayInto(replay, account, atFrom == null ? 0 : atFrom.position(), until, skippedPayloadTypes,
                event -> replay.state().ifPresent(state -> afterEach.accept(event, state)));
        return replay.state().map(state -> new HistoricState(state, last == null ? atFrom : last, until));
    }

    /** Applies the events after {@code position} up to {@code until}; returns the last one applied, or null. */
    private EventRef replayInto(AccountReplay replay, AccountId account, long position, Instant until,
            Consumer<HistoryEvent> afterEach) {
        return replayInto(replay, account, position, until, Set.of(), afterEach);
    }

    private EventRef replayInto(AccountReplay replay, AccountId account, long position, Instant until,
            Set<String> skippedPayloadTypes, Consumer<HistoryEvent> afterEach) {
        EventRef[] last = new EventRef[1];
        events.forEach(account, position, Long.MAX_VALUE, until, skippedPayloadTypes, event -> {
            replay.apply(event.payload(), event.ref());
            last[0] = event.ref();
            afterEach.accept(event);
        });
        return last[0];
    }
}
