package io.netloom.server.claims;

import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.directory.SetupKeyView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims, at start-up, what the claims tables lack: the peers and limited setup keys of an event
 * store written before the tables existed (or written around the server, as the replay benchmark
 * does), taken from the read model just rebuilt by the replay, while nothing else writes. Peers
 * that an older version let share a key, an address or a label keep their values, but only the
 * first enrolled gets the claim; the operator is told about the others at every start, to delete
 * them.
 */
@Component
public class ClaimsBackfill {

    private static final Logger log = LoggerFactory.getLogger(ClaimsBackfill.class);
    private static final int BATCH_SIZE = 1_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Directory directory;

    public ClaimsBackfill(JdbcTemplate jdbc, TransactionTemplate transaction, Directory directory) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.directory = directory;
    }

    public void claimWhatIsMissing() {
        transaction.executeWithoutResult(status -> {
            Set<String> claimedPeers = new HashSet<>(jdbc.queryForList("SELECT peer_id FROM peer_claim", String.class));
            Set<String> countedKeys =
                    new HashSet<>(jdbc.queryForList("SELECT setup_key_id FROM setup_key_usage", String.class));
            List<PeerView> unclaimed = new ArrayList<>();
            List<SetupKeyView> uncounted = new ArrayList<>();
            for (var account : directory.accountIds()) {
                directory.account(account).ifPresent(records ->
                        collectMissing(records, claimedPeers, countedKeys, unclaimed, uncounted));
            }
            if (unclaimed.isEmpty() && uncounted.isEmpty()) {
                return;
            }
            unclaimed.sort(Comparator.comparing(PeerView::createdAt));
            List<PeerView> conflicting = claim(unclaimed);
            count(uncounted);
            log.info("Claims filled from the event store for {} peers and {} setup keys with a usage limit",
                    unclaimed.size() - conflicting.size(), uncounted.size());
            conflicting.forEach(peer -> log.warn("Peer {} of account {} shares its WireGuard key, overlay address or"
                    + " DNS label with an older peer and holds no claim; delete one of them", peer.id().value(),
                    peer.accountId().value()));
        });
    }

    private static void collectMissing(AccountRecords records, Set<String> claimedPeers, Set<String> countedKeys,
            List<PeerView> unclaimed, List<SetupKeyView> uncounted) {
        records.peers().stream().filter(peer -> !claimedPeers.contains(peer.id().value())).forEach(unclaimed::add);
        records.setupKeys().stream()
                .filter(key -> key.usageLimit() > 0 && !countedKeys.contains(key.id().value()))
                .forEach(uncounted::add);
    }

    /** Returns the peers whose values another peer already holds. */
    private List<PeerView> claim(List<PeerView> peers) {
        List<PeerView> conflicting = new ArrayList<>();
        for (int from = 0; from < peers.size(); from += BATCH_SIZE) {
            List<PeerView> batch = peers.subList(from, Math.min(peers.size(), from + BATCH_SIZE));
            int[] inserted = jdbc.batchUpdate("INSERT INTO peer_claim (peer_id, account_id, public_key, overlay_ip,"
                    + " dns_label) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", batch.stream()
                    .map(peer -> new Object[] {peer.id().value(), peer.accountId().value(), peer.publicKey().base64(),
                            peer.overlayIp(), peer.dnsLabel().value()})
                    .toList());
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] == 0) {
                    conflicting.add(batch.get(i));
                }
            }
        }
        return conflicting;
    }

    /** A key that a lost race let be used more often than its limit is simply used up. */
    private void count(List<SetupKeyView> keys) {
        jdbc.batchUpdate("INSERT INTO setup_key_usage (setup_key_id, usage_limit, used) VALUES (?, ?, ?)",
                keys.stream().map(key -> new Object[] {key.id().value(), key.usageLimit(),
                        Math.min(key.usedTimes(), key.usageLimit())}).toList());
    }
}
