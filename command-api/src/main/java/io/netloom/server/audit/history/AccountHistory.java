package io.netloom.server.audit.history;

import io.netloom.domain.ids.AccountId;
import io.netloom.projections.history.AccountReplay;
import io.netloom.projections.history.EventRef;
import io.netloom.server.identity.IdentityProperties;
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

    public AccountHistory(HistoryEvents events, IdentityProperties identity) {
        this.events = events;
        this.offboardSetupKeyPeers = identity.offboardSetupKeyPeers();
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
        return replay.state().map(state -> new HistoricState(state, last[0]));
    }
}
