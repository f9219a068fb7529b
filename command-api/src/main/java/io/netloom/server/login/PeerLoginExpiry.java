package io.netloom.server.login;

import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.ExpirePeerLoginCommand;
import io.netloom.domain.peer.LoginExpiryReason;
import io.netloom.domain.peer.PeerLoginStanding;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.PeerPresence;
import io.netloom.projections.directory.PeerView;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Expires the logins of people's devices whose account's login or inactivity period has passed (ADR 0021). A
 * sweep reads everything it needs from the read model as it stands (the account's settings, each peer's last
 * login and presence), so it needs no state of its own: nothing is lost in a restart, and a changed setting
 * counts from the next sweep. The peer aggregate checks the deadline again before it records the expiry, so a
 * sweep that races a sign-in, or reads a read model behind the store, changes nothing it should not.
 */
@Component
public class PeerLoginExpiry {

    private static final Logger log = LoggerFactory.getLogger(PeerLoginExpiry.class);

    private final Directory directory;
    private final Commands commands;
    private final Clock clock;

    public PeerLoginExpiry(Directory directory, Commands commands, Clock clock) {
        this.directory = directory;
        this.commands = commands;
        this.clock = clock;
    }

    /** Sends an expiry for every peer due now; returns the peers it was sent for. */
    public List<PeerId> sweep() {
        List<PeerId> expired = new ArrayList<>();
        for (AccountId accountId : directory.accountIds()) {
            expired.addAll(sweep(accountId));
        }
        return expired;
    }

    /** The same for one account. */
    public List<PeerId> sweep(AccountId accountId) {
        Instant now = clock.instant();
        List<PeerId> expired = new ArrayList<>();
        directory.account(accountId).ifPresent(records -> expireDue(records, now, expired));
        return expired;
    }

    /**
     * When a device's login will expire under the account's login expiration (for the device's status);
     * empty if it never does (a setup-key peer, expiry switched off) or already has.
     */
    public static Optional<Instant> loginExpiresAt(AccountSettings settings, PeerView peer) {
        if (!settings.peerLoginExpirationEnabled()) {
            return Optional.empty();
        }
        return standingOf(peer, PeerPresence.NEVER_CONNECTED)
                .dueAt(LoginExpiryReason.LOGIN_EXPIRED, settings.peerLoginExpiration());
    }

    private void expireDue(AccountRecords records, Instant now, List<PeerId> expired) {
        AccountSettings settings = records.account().settings();
        for (PeerView peer : records.peers()) {
            PeerLoginStanding standing = standingOf(peer, records.presenceOf(peer.id()));
            dueExpiry(settings, standing, now).ifPresent(expiry -> {
                try {
                    commands.send(new ExpirePeerLoginCommand(peer.id(), records.account().id(), expiry.reason(),
                            expiry.period(), now), Initiator.SYSTEM);
                    expired.add(peer.id());
                } catch (RuntimeException e) {
                    // One peer's failure (deleted meanwhile, a database hiccup) must not spare the others;
                    // the next sweep tries this one again.
                    log.warn("Could not expire the login of peer {} in account {}: {}", peer.id(),
                            records.account().id(), e.getMessage());
                }
            });
        }
    }

    private record DueExpiry(LoginExpiryReason reason, Duration period) {
    }

    private static Optional<DueExpiry> dueExpiry(AccountSettings settings, PeerLoginStanding standing, Instant now) {
        if (settings.peerLoginExpirationEnabled()
                && standing.isDue(LoginExpiryReason.LOGIN_EXPIRED, settings.peerLoginExpiration(), now)) {
            return Optional.of(new DueExpiry(LoginExpiryReason.LOGIN_EXPIRED, settings.peerLoginExpiration()));
        }
        if (settings.peerInactivityExpirationEnabled()
                && standing.isDue(LoginExpiryReason.INACTIVE, settings.peerInactivityExpiration(), now)) {
            return Optional.of(new DueExpiry(LoginExpiryReason.INACTIVE, settings.peerInactivityExpiration()));
        }
        return Optional.empty();
    }

    private static PeerLoginStanding standingOf(PeerView peer, PeerPresence presence) {
        return new PeerLoginStanding(peer.enrolledByUser() != null, peer.loginExpirationEnabled(),
                peer.inactivityExpirationEnabled(), peer.lastLogin(), presence.connected(), presence.lastSeen(),
                peer.loginExpired());
    }
}
