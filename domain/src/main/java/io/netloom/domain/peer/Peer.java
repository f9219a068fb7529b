package io.netloom.domain.peer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.netloom.domain.common.AccountScope;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Ipv4Address;
import io.netloom.domain.common.Names;
import io.netloom.domain.common.Required;
import io.netloom.domain.common.Texts;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

/**
 * An enrolled device of the mesh.
 *
 * <p>Snapshotted (ADR 0052): its fields are its snapshot. Whoever changes a field raises the revision, so that
 * snapshots of the old shape are ignored and the aggregate is rebuilt from its events.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@Revision("1")
public class Peer {

    @AggregateIdentifier
    private PeerId peerId;
    private AccountId accountId;
    private String name;
    private DnsLabel dnsLabel;
    private ExtraDnsLabels extraDnsLabels = ExtraDnsLabels.NONE;
    private boolean allowExtraDnsLabels;
    private String overlayIp;
    private PeerMetadata metadata;
    private boolean sshEnabled;
    private boolean loginExpirationEnabled;
    private boolean inactivityExpirationEnabled;
    private boolean approvalRequired;
    private String currentSession;
    private UserId enrolledByUser;
    private Instant lastLogin;
    private Instant lastSeen;
    private boolean loginExpired;

    public Peer() {
        // Required by Axon to construct an empty instance before replaying its events.
    }

    @CommandHandler
    public Peer(EnrollPeerCommand command) {
        Required.present(command.accountId(), "account");
        Required.present(command.publicKey(), "WireGuard public key");
        Required.present(command.metadata(), "peer metadata");
        Required.present(command.dnsLabel(), "DNS label");
        Required.present(command.enrolledAt(), "enrollment time");
        String validName = Names.requireValid(command.name(), "peer name");
        String validIp = Ipv4Address.requireValid(command.overlayIp(), "overlay IP");
        if ((command.enrolledByUser() == null) == (command.enrolledWithSetupKey() == null)) {
            throw CommandRejectedException.invalid(
                    "a peer must be enrolled either by a user or with a setup key, exactly one of the two");
        }
        ExtraDnsLabels labels = command.extraDnsLabels() == null ? ExtraDnsLabels.NONE : command.extraDnsLabels();
        requireAllowed(labels, command.allowExtraDnsLabels());
        apply(new PeerEnrolledEvent(command.peerId(), command.accountId(), command.publicKey(), command.metadata(),
                validName, validIp, command.dnsLabel(), command.enrolledByUser(), command.enrolledWithSetupKey(),
                command.approvalRequired(), command.loginExpirationEnabled(), command.ephemeral(),
                command.enrolledAt(), labels, command.allowExtraDnsLabels()));
    }

    @CommandHandler
    public void handle(UpdatePeerCommand command) {
        requireSameAccount(command.accountId());
        String newName = Names.requireValid(command.name(), "peer name");
        DnsLabel newLabel = Required.present(command.dnsLabel(), "DNS label");
        String newIp = Ipv4Address.requireValid(command.overlayIp(), "overlay IP");
        if (command.approvalRequired() && !approvalRequired) {
            // Approval is a one-way gate; cutting a peer off is done by deleting it or through policies.
            throw CommandRejectedException.preconditionFailed("an approved peer cannot be made pending again");
        }
        if (!newName.equals(name) || !newLabel.equals(dnsLabel)) {
            apply(new PeerRenamedEvent(peerId, accountId, newName, newLabel));
        }
        if (command.sshEnabled() != sshEnabled
                || command.loginExpirationEnabled() != loginExpirationEnabled
                || command.inactivityExpirationEnabled() != inactivityExpirationEnabled) {
            apply(new PeerSettingsChangedEvent(peerId, accountId, command.sshEnabled(),
                    command.loginExpirationEnabled(), command.inactivityExpirationEnabled()));
        }
        if (!command.approvalRequired() && approvalRequired) {
            apply(new PeerApprovedEvent(peerId, accountId));
        }
        if (!newIp.equals(overlayIp)) {
            apply(new PeerOverlayIpChangedEvent(peerId, accountId, newIp));
        }
    }

    @CommandHandler
    public void handle(UpdatePeerMetadataCommand command) {
        requireSameAccount(command.accountId());
        PeerMetadata newMetadata = Required.present(command.metadata(), "peer metadata");
        if (!newMetadata.equals(metadata)) {
            apply(new PeerMetadataUpdatedEvent(peerId, accountId, newMetadata));
        }
    }

    /** Clearing them is always allowed; setting them only where the setup key allowed it at enrollment. */
    @CommandHandler
    public void handle(SetPeerExtraDnsLabelsCommand command) {
        requireSameAccount(command.accountId());
        ExtraDnsLabels labels = Required.present(command.extraDnsLabels(), "extra DNS labels");
        requireAllowed(labels, allowExtraDnsLabels);
        if (!labels.equals(extraDnsLabels)) {
            apply(new PeerExtraDnsLabelsChangedEvent(peerId, accountId, labels));
        }
    }

    @CommandHandler
    public void handle(RecordPeerConnectedCommand command) {
        requireSameAccount(command.accountId());
        String session = Texts.optional(command.sessionId(), "session id", Names.MAX_LENGTH);
        if (session.isBlank()) {
            throw CommandRejectedException.invalid("session id must not be empty");
        }
        String ip = Ipv4Address.requireValid(command.connectionIp(), "connection IP");
        String version = Texts.optional(command.daemonVersion(), "daemon version", Names.MAX_LENGTH);
        Required.present(command.connectedAt(), "connection time");
        apply(new PeerConnectedEvent(peerId, accountId, session, ip, version, command.connectedAt()));
    }

    /** Only the session the peer is currently known by can take it offline; older ones ending change nothing. */
    @CommandHandler
    public void handle(RecordPeerDisconnectedCommand command) {
        requireSameAccount(command.accountId());
        Required.present(command.disconnectedAt(), "disconnection time");
        if (currentSession != null && currentSession.equals(command.sessionId())) {
            apply(new PeerDisconnectedEvent(peerId, accountId, currentSession, command.disconnectedAt()));
        }
    }

    /** As in NetBird, only the person who enrolled the device can renew its login; a setup-key peer has none. */
    @CommandHandler
    public void handle(RenewPeerLoginCommand command) {
        requireSameAccount(command.accountId());
        UserId user = Required.present(command.userId(), "user");
        Instant at = Required.present(command.at(), "sign-in time");
        if (enrolledByUser == null) {
            throw CommandRejectedException.preconditionFailed("a peer enrolled with a setup key has no login to renew");
        }
        if (!enrolledByUser.equals(user)) {
            throw CommandRejectedException.permissionDenied("the peer belongs to another user");
        }
        apply(new PeerLoginRenewedEvent(peerId, accountId, user, at));
    }

    /** Not yet due (renewed meanwhile, switched off, reconnected) or already expired: nothing happens. */
    @CommandHandler
    public void handle(ExpirePeerLoginCommand command) {
        requireSameAccount(command.accountId());
        LoginExpiryReason reason = Required.present(command.reason(), "expiry reason");
        Duration expiration = Required.present(command.expiration(), "expiration");
        Instant at = Required.present(command.at(), "expiry time");
        if (standing().isDue(reason, expiration, at)) {
            apply(new PeerLoginExpiredEvent(peerId, accountId, reason, at));
        }
    }

    /**
     * The person's session at their identity provider ended: the login ends now, whatever its deadlines. A peer
     * without a person (setup key) has no login to end; an expired one stays as it is, so a repeated logout
     * records nothing.
     */
    @CommandHandler
    public void handle(EndPeerLoginCommand command) {
        requireSameAccount(command.accountId());
        Instant at = Required.present(command.at(), "sign-out time");
        if (enrolledByUser != null && !loginExpired) {
            apply(new PeerLoginExpiredEvent(peerId, accountId, LoginExpiryReason.SIGNED_OUT, at));
        }
    }

    @CommandHandler
    public void handle(DeletePeerCommand command) {
        requireSameAccount(command.accountId());
        apply(new PeerDeletedEvent(peerId, accountId));
    }

    @EventSourcingHandler
    void on(PeerEnrolledEvent event) {
        peerId = event.peerId();
        accountId = event.accountId();
        name = event.name();
        dnsLabel = event.dnsLabel();
        extraDnsLabels = event.extraDnsLabels();
        allowExtraDnsLabels = event.allowExtraDnsLabels();
        overlayIp = event.overlayIp();
        metadata = event.metadata();
        loginExpirationEnabled = event.loginExpirationEnabled();
        inactivityExpirationEnabled = PeerLoginStanding.inactivityExpirationAtEnrollment(event);
        approvalRequired = event.approvalRequired();
        enrolledByUser = event.enrolledByUser();
        lastLogin = event.enrolledAt();
    }

    @EventSourcingHandler
    void on(PeerRenamedEvent event) {
        name = event.name();
        dnsLabel = event.dnsLabel();
    }

    @EventSourcingHandler
    void on(PeerExtraDnsLabelsChangedEvent event) {
        extraDnsLabels = event.extraDnsLabels();
    }

    @EventSourcingHandler
    void on(PeerSettingsChangedEvent event) {
        sshEnabled = event.sshEnabled();
        loginExpirationEnabled = event.loginExpirationEnabled();
        inactivityExpirationEnabled = event.inactivityExpirationEnabled();
    }

    @EventSourcingHandler
    void on(PeerApprovedEvent event) {
        approvalRequired = false;
    }

    @EventSourcingHandler
    void on(PeerOverlayIpChangedEvent event) {
        overlayIp = event.overlayIp();
    }

    @EventSourcingHandler
    void on(PeerMetadataUpdatedEvent event) {
        metadata = event.metadata();
    }

    @EventSourcingHandler
    void on(PeerConnectedEvent event) {
        currentSession = event.sessionId();
        lastSeen = event.connectedAt();
    }

    @EventSourcingHandler
    void on(PeerDisconnectedEvent event) {
        currentSession = null;
        lastSeen = event.disconnectedAt();
    }

    @EventSourcingHandler
    void on(PeerLoginExpiredEvent event) {
        loginExpired = true;
    }

    @EventSourcingHandler
    void on(PeerLoginRenewedEvent event) {
        lastLogin = event.at();
        loginExpired = false;
    }

    @EventSourcingHandler
    void on(PeerDeletedEvent event) {
        markDeleted();
    }

    /** NetBird's rule and words (PreconditionFailed): the permission comes from the setup key the peer joined with. */
    private static void requireAllowed(ExtraDnsLabels labels, boolean allowed) {
        if (!allowed && !labels.isEmpty()) {
            throw CommandRejectedException.preconditionFailed("setup key doesn't allow extra DNS labels");
        }
    }

    private PeerLoginStanding standing() {
        return new PeerLoginStanding(enrolledByUser != null, loginExpirationEnabled, inactivityExpirationEnabled,
                lastLogin, currentSession != null, lastSeen, loginExpired);
    }

    private void requireSameAccount(AccountId requested) {
        AccountScope.requireSameAccount(accountId, requested, "peer");
    }
}
