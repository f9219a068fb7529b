package io.netloom.server.audit.history;

import io.netloom.domain.ids.AccountId;
import io.netloom.projections.history.AccountReplay;
import io.netloom.projections.history.EventRef;
import io.netloom.server.identity.IdentityProperties;
import io.netloom.server.api.InvalidQueryParameterException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
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
        return replay(account, at, (event, replay) -> { });
    }

    /**
     * Replays the account's events up to {@code until}, handing each event and the replay just after it to
     * {@code afterEach}; returns the final state, empty if the account did not exist by then.
     */
    public Optional<HistoricState> replay(AccountId account, Instant until, BiConsumer<HistoryEvent, AccountReplay> afterEach) {
        AccountReplay replay = new AccountReplay(account, null, offboardSetupKeyPeers);
        EventRef[] last = new EventRef[1];
        events.forEach(account, 0, Long.MAX_VALUE, until, event -> {
            replay.apply(event.payload(), event.ref());
            last[0] = event.ref();
            afterEach.accept(event, replay);
        });
        return replay.state().map(state -> new HistoricState(state, last[0], until));
    }
}
