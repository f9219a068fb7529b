package io.netloom.server.audit.history.snapshot;

import io.netloom.domain.ids.AccountId;
import io.netloom.projections.history.AccountReplay;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.AccountStateData;
import io.netloom.server.audit.history.HistoryEvents;
import io.netloom.server.identity.IdentityProperties;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Brings one account's snapshots up to date: from its latest snapshot (or its first event), replays its events and
 * stores the state after every event whose position is a multiple of the interval. Holds one account's state at a
 * time, whatever the history's length.
 */
@Component
public class SnapshotCatchUp {

    private final HistoryEvents events;
    private final NetworkModelSnapshots snapshots;
    private final boolean offboardSetupKeyPeers;

    public SnapshotCatchUp(HistoryEvents events, NetworkModelSnapshots snapshots, IdentityProperties identity) {
        this.events = events;
        this.snapshots = snapshots;
        this.offboardSetupKeyPeers = identity.offboardSetupKeyPeers();
    }

    /** Writes the account's missing snapshots, every {@code interval} events; returns how many it wrote. */
    public int catchUp(AccountId account, int interval) {
        Optional<SnapshotPoint> latest = snapshots.latest(account);
        long from = latest.map(SnapshotPoint::position).orElse(0L);
        long last = events.head(account) / interval * interval;
        if (last <= from) {
            return 0;
        }
        AccountState start = latest.flatMap(point -> snapshots.state(account, point.position()))
                .map(AccountStateData::toState).orElse(null);
        if (latest.isPresent() && start == null) {
            // The snapshot vanished since it was found (someone cleared them): the next run starts afresh.
            return 0;
        }
        AccountReplay replay = new AccountReplay(account, start, offboardSetupKeyPeers);
        Instant[] latestTime = {latest.map(SnapshotPoint::occurredAt).orElse(Instant.EPOCH)};
        int[] written = {0};
        events.forEach(account, from, last, HistoryEvents.END_OF_TIME, event -> {
            replay.apply(event.payload(), event.ref());
            if (event.ref().occurredAt().isAfter(latestTime[0])) {
                latestTime[0] = event.ref().occurredAt();
            }
            long position = event.ref().position();
            if (position % interval == 0 && replay.state().isPresent()) {
                snapshots.save(account, new SnapshotPoint(position, latestTime[0]), replay.state().get());
                written[0]++;
            }
        });
        return written[0];
    }
}
