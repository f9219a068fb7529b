package io.netloom.server.claims;

import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.directory.SetupKeyView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the claims tables of an event store written before they existed, from the read model just
 * rebuilt by the start-up replay (nothing writes yet). The migration that created the tables left a
 * marker when the store already held events; taking the marker and filling the tables is one
 * transaction, so an interrupted start simply fills them at the next one. Peers that an older
 * version let share a key, an address or a label keep their values, but only the first of each
 * gets the claim: the operator is told which, to delete the duplicates.
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

    public void fillIfPending() {
        transaction.executeWithoutResult(status -> {
            if (jdbc.update("DELETE FROM claims_backfill") > 0) {
                fill();
            }
        });
    }

    private void fill() {
        List<PeerView> peers = new ArrayList<>();
        List<SetupKeyView> limitedKeys = new ArrayList<>();
        for (var account : directory.accountIds()) {
            directory.account(account).ifPresent(records -> collect(records, peers, limitedKeys));
        }
        peers.sort(Comparator.comparing(PeerView::createdAt));
        List<PeerView> unclaimed = new ArrayList<>();
        for (int from = 0; from < peers.size(); from += BATCH_SIZE) {
            List<PeerView> batch = peers.subList(from, Math.min(peers.size(), from + BATCH_SIZE));
            int[] inserted = jdbc.batchUpdate("INSERT INTO peer_claim (peer_id, account_id, public_key, overlay_ip,"
                    + " dns_label) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", batch.stream()
                    .map(peer -> new Object[] {peer.id().value(), peer.accountId().value(), peer.publicKey().base64(),
                            peer.overlayIp(), peer.dnsLabel().value()})
                    .toList());
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] == 0) {
                    unclaimed.add(batch.get(i));
                }
            }
        }
        // A key a lost limit check let be used too often is simply used up.
        jdbc.batchUpdate("INSERT INTO setup_key_usage (setup_key_id, usage_limit, used) VALUES (?, ?, ?)",
                limitedKeys.stream().map(key -> new Object[] {key.id().value(), key.usageLimit(),
                        Math.min(key.usedTimes(), key.usageLimit())}).toList());
        log.info("Claims filled for {} peers and {} setup keys with a usage limit", peers.size() - unclaimed.size(),
                limitedKeys.size());
        unclaimed.forEach(peer -> log.warn("Peer {} of account {} shares its WireGuard key, overlay address or DNS"
                + " label with an older peer and holds no claim; delete one of them", peer.id().value(),
                peer.accountId().value()));
    }

    private static void collect(AccountRecords records, List<PeerView> peers, List<SetupKeyView> limitedKeys) {
        peers.addAll(records.peers());
        records.setupKeys().stream().filter(key -> key.usageLimit() > 0).forEach(limitedKeys::add);
    }
}
