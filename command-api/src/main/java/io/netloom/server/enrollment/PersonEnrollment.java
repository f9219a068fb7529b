package io.netloom.server.enrollment;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.SetPeerExtraDnsLabelsCommand;
import io.netloom.domain.peer.UpdatePeerMetadataCommand;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.domain.user.GroupsClaim;
import io.netloom.domain.user.RecordUserLoginCommand;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.directory.UserView;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.claims.ClaimConflictException;
import io.netloom.server.claims.ClaimKind;
import io.netloom.server.claims.PublicKeyHolders;
import io.netloom.server.login.UserLogins;
import io.netloom.server.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Joins a device to an account as a signed-in person's peer (the person's access token instead of
 * a setup key): the peer records its user, expires with the person's login when the account says
 * so, and joins the user's auto-groups, all in one transaction as with a setup key (ADR 0011). The
 * same device signing in again (same WireGuard key) gets the same peer, address and name back.
 * Each enrollment is the device's login (ADR 0021): refused for a person the account's
 * {@code jwt_allow_groups} turns away, recorded with {@link UserLogins}, which renews the login of
 * a device signing in again, an expired one included. The groups claim is the one an upstream provider gave at
 * the sign-in the token came from (ADR 0022); the embedded store's tokens carry none.
 */
@Service
public class PersonEnrollment {

    private static final int MAX_ATTEMPTS = 5;

    private final Directory directory;
    private final Commands commands;
    private final NewPeers newPeers;
    private final PublicKeyHolders keyHolders;
    private final PeerConfigurations configurations;
    private final UserLogins logins;
    private final Clock clock;

    public PersonEnrollment(Directory directory, Commands commands, NewPeers newPeers,
            PublicKeyHolders keyHolders, PeerConfigurations configurations, UserLogins logins, Clock clock) {
        this.directory = directory;
        this.commands = commands;
        this.newPeers = newPeers;
        this.keyHolders = keyHolders;
        this.configurations = configurations;
        this.logins = logins;
        this.clock = clock;
    }

    public PeerConfiguration enroll(Caller person, GroupsClaim groupsClaim, EnrollmentRequest request,
            String requestHost) {
        if (request.setupKey() != null) {
            throw CommandRejectedException.invalid("send either a setup key or a person's access token, not both");
        }
        if (request.wireguardPublicKey() == null) {
            throw CommandRejectedException.invalid("wireguard_public_key is required");
        }
        WireguardPublicKey publicKey = new WireguardPublicKey(request.wireguardPublicKey());
        PeerMetadata metadata = new PeerMetadata(
                request.hostname(), request.os(), request.kernelVersion(), request.daemonVersion());
        RequestedDnsLabels labels = RequestedDnsLabels.of(request);
        AccountRecords records = directory.account(person.accountId())
                .orElseThrow(() -> CommandRejectedException.permissionDenied("the account no longer exists"));
        UserView user = records.user(person.userId())
                .orElseThrow(() -> CommandRejectedException.permissionDenied("the user no longer exists"));
        // After an embedded-store sign-in the claim is empty: to the allowed-groups check, the person has none.
        logins.refusal(records.account().id(), user.id(), false, groupsClaim).ifPresent(refusal -> {
            throw CommandRejectedException.permissionDenied(refusal);
        });
        Instant now = clock.instant();
        Initiator initiator = new Initiator(user.id().value());

        for (int attempt = 1; ; attempt++) {
            Optional<PeerView> enrolled = peerInAccount(records, publicKey);
            if (enrolled.isPresent()) {
                return signedInAgain(records, enrolled.get(), user, groupsClaim, metadata, labels, now, initiator,
                        requestHost);
            }
            PeerId peerId;
            try {
                peerId = enrollNew(records, user, publicKey, metadata, labels, now, initiator, attempt == 1);
            } catch (ClaimConflictException conflict) {
                if (conflict.kind() == ClaimKind.PUBLIC_KEY && keyHolders.holderOf(publicKey)
                        .filter(holder -> !holder.accountId().equals(records.account().id())).isPresent()) {
                    throw keyOfAnotherPeer();
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw CommandRejectedException.conflict("the enrollment met concurrent changes; retry");
                }
                continue;
            }
            // Outside the retry: the peer exists now; a conflict in the login's transaction must not enroll another.
            recordLogin(records, user, peerId, groupsClaim, now, initiator);
            return configurations.of(records, records.peer(peerId).orElseThrow(), now, requestHost);
        }
    }

    private PeerId enrollNew(AccountRecords records, UserView user, WireguardPublicKey publicKey,
            PeerMetadata metadata, RequestedDnsLabels labels, Instant now, Initiator initiator, boolean firstAttempt) {
        NewPeers.Origin origin = NewPeers.Origin.person(user);
        return newPeers.enroll(records, origin, publicKey, metadata, labels.forNewPeer(origin.allowExtraDnsLabels()),
                now, initiator, firstAttempt);
    }

    /**
     * The person's device signs in again, with its key: same peer, same address, its login renewed
     * (an expired device comes back into the maps). Another person's peer, or a server's joined with
     * a setup key, is not taken over by a sign-in.
     */
    private PeerConfiguration signedInAgain(AccountRecords records, PeerView peer, UserView user,
            GroupsClaim groupsClaim, PeerMetadata metadata, RequestedDnsLabels labels, Instant now,
            Initiator initiator, String requestHost) {
        if (!user.id().equals(peer.enrolledByUser())) {
            throw keyOfAnotherPeer();
        }
        Optional<SetPeerExtraDnsLabelsCommand> labelsChange = labels.changeOf(peer);
        if (!peer.metadata().equals(metadata)) {
            commands.send(new UpdatePeerMetadataCommand(peer.id(), records.account().id(), metadata), initiator);
        }
        labelsChange.ifPresent(change -> commands.send(change, initiator));
        recordLogin(records, user, peer.id(), groupsClaim, now, initiator);
        return configurations.of(records, records.peer(peer.id()).orElseThrow(), now, requestHost);
    }

    private void recordLogin(AccountRecords records, UserView user, PeerId peerId, GroupsClaim groupsClaim,
            Instant now, Initiator initiator) {
        logins.record(new RecordUserLoginCommand(records.account().id(), user.id(), peerId, groupsClaim, now),
                initiator);
    }

    private Optional<PeerView> peerInAccount(AccountRecords records, WireguardPublicKey publicKey) {
        Optional<Directory.PeerRef> ref = directory.peerByPublicKey(publicKey.base64());
        if (ref.isPresent() && !ref.get().accountId().equals(records.account().id())) {
            throw keyOfAnotherPeer();
        }
        return ref.flatMap(found -> records.peer(found.peerId()));
    }

    private static CommandRejectedException keyOfAnotherPeer() {
        return CommandRejectedException.permissionDenied(
                "this WireGuard key belongs to a peer that is not yours; the device must use a new key");
    }
}
