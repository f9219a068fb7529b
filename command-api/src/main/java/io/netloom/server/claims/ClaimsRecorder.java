package io.netloom.server.claims;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.peer.PeerDeletedEvent;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerOverlayIpChangedEvent;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.domain.setupkey.SetupKeyCreatedEvent;
import io.netloom.domain.setupkey.SetupKeyDeletedEvent;
import io.netloom.domain.setupkey.SetupKeyUsage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Axon's set-based validation: keeps the claims tables in step with every event that gives a peer a
 * key, an address or a label, or uses a setup key. A subscribing handler, it runs in the transaction
 * that stores the events, so a unique or limit violation here rolls the whole command back, whichever
 * path sent it. Errors propagate (ClaimsConfiguration) instead of being logged and ignored.
 */
@Component
@ProcessingGroup(ClaimsRecorder.PROCESSING_GROUP)
public class ClaimsRecorder {

    public static final String PROCESSING_GROUP = "claims";

    private static final String WITHIN_USAGE_LIMIT = "setup_key_usage_within_limit";

    private final JdbcTemplate jdbc;

    public ClaimsRecorder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The claim and the key's use in one statement, one round trip (a key without a usage limit has no
     * row to count). The count reads the claim's result, so PostgreSQL claims first and only then
     * locks the key's counter: every enrollment takes its locks in that order, and two enrollments
     * of one device with one limited key wait for each other instead of deadlocking.
     */
    @EventHandler
    void on(PeerEnrolledEvent event) {
        write("WITH claimed AS (INSERT INTO peer_claim (peer_id, account_id, public_key, overlay_ip, dns_label)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING peer_id)"
                        + " UPDATE setup_key_usage SET used = used + 1"
                        + " WHERE setup_key_id = ? AND EXISTS (SELECT 1 FROM claimed)",
                event.peerId().value(), event.accountId().value(), event.publicKey().base64(), event.overlayIp(),
                event.dnsLabel().value(),
                event.enrolledWithSetupKey() == null ? null : event.enrolledWithSetupKey().value());
    }

    @EventHandler
    void on(PeerRenamedEvent event) {
        write("UPDATE peer_claim SET dns_label = ? WHERE peer_id = ?", event.dnsLabel().value(), event.peerId().value());
    }

    @EventHandler
    void on(PeerOverlayIpChangedEvent event) {
        write("UPDATE peer_claim SET overlay_ip = ? WHERE peer_id = ?", event.overlayIp(), event.peerId().value());
    }

    @EventHandler
    void on(PeerDeletedEvent event) {
        write("DELETE FROM peer_claim WHERE peer_id = ?", event.peerId().value());
    }

    @EventHandler
    void on(SetupKeyCreatedEvent event) {
        if (event.usageLimit() > 0) {
            write("INSERT INTO setup_key_usage (setup_key_id, usage_limit) VALUES (?, ?)",
                    event.setupKeyId().value(), event.usageLimit());
        }
    }

    @EventHandler
    void on(SetupKeyDeletedEvent event) {
        write("DELETE FROM setup_key_usage WHERE setup_key_id = ?", event.setupKeyId().value());
    }

    private void write(String sql, Object... args) {
        try {
            jdbc.update(sql, args);
        } catch (DataIntegrityViolationException violation) {
            String constraint = violatedConstraint(violation);
            if (WITHIN_USAGE_LIMIT.equals(constraint)) {
                throw CommandRejectedException.preconditionFailed(SetupKeyUsage.LIMIT_REACHED);
            }
            throw ClaimKind.guardedBy(constraint).map(ClaimConflictException::new).orElseThrow(() -> violation);
        }
    }

    private static String violatedConstraint(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException postgres && postgres.getServerErrorMessage() != null) {
                return postgres.getServerErrorMessage().getConstraint();
            }
        }
        return null;
    }
}
