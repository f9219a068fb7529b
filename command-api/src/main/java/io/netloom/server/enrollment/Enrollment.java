package io.netloom.server.enrollment;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.group.AddPeerToGroupCommand;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.EnrollPeerCommand;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.UpdatePeerMetadataCommand;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.GroupView;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.directory.SetupKeyView;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.security.SecretTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Joins a device to an account with a setup key: the peer is recorded and added to the key's
 * auto-groups in one transaction, either all of it or none. The key's validity and usage limit
 * are checked against the read model with the uses still in flight, so one key can enroll many
 * devices in parallel.
 * Presenting the same WireGuard key again returns the same peer without using the key again.
 */
@Service
public class Enrollment {

    private final Directory directory;
    private final Commands commands;
    private final PeerAddressing addressing;
    private final SetupKeyReservations setupKeyUses;
    private final PeerConfigurations configurations;
    private final Clock clock;

    public Enrollment(Directory directory, Commands commands, PeerAddressing addressing,
            SetupKeyReservations setupKeyUses, PeerConfigurations configurations, Clock clock) {
        this.directory = directory;
        this.commands = commands;
        this.addressing = addressing;
        this.setupKeyUses = setupKeyUses;
        this.configurations = configurations;
        this.clock = clock;
    }

    public PeerConfiguration enroll(EnrollmentRequest request, String requestHost) {
        if (request.setupKey() == null || request.setupKey().isBlank()) {
            throw CommandRejectedException.invalid("setup_key is required");
        }
        // The key authenticates the caller: nothing else is looked at for a stranger.
        Directory.SetupKeyRef keyRef = directory.setupKeyByHash(SecretTokens.hash(request.setupKey()))
                .orElseThrow(InvalidSetupKeyException::new);
        AccountRecords records = directory.account(keyRef.accountId()).orElseThrow(InvalidSetupKeyException::new);
        SetupKeyView setupKey = records.setupKey(keyRef.setupKeyId()).orElseThrow(InvalidSetupKeyException::new);
        if (request.wireguardPublicKey() == null) {
            throw CommandRejectedException.invalid("wireguard_public_key is required");
        }
        WireguardPublicKey publicKey = new WireguardPublicKey(request.wireguardPublicKey());
        PeerMetadata metadata = new PeerMetadata(
                request.hostname(), request.os(), request.kernelVersion(), request.daemonVersion());
        Instant now = clock.instant();
        Initiator initiator = new Initiator(setupKey.id().value());

        var enrolled = directory.peerByPublicKey(publicKey.base64());
        if (enrolled.isPresent()) {
            if (!enrolled.get().accountId().equals(records.account().id())) {
                throw CommandRejectedException.conflict("this WireGuard key is enrolled in another account");
            }
            return reenroll(records, records.peer(enrolled.get().peerId()).orElseThrow(), setupKey, metadata, now,
                    initiator, requestHost);
        }

        PeerId peerId = PeerId.random();
        setupKeyUses.reserve(records, setupKey.id(), now);
        PeerAddressing.Reservation reservation = null;
        try {
            reservation = addressing.reserve(records, metadata.hostname());
            List<Object> steps = new ArrayList<>();
            steps.add(new EnrollPeerCommand(peerId, records.account().id(), publicKey, metadata, metadata.hostname(),
                    reservation.overlayIp(), reservation.dnsLabel(), null, setupKey.id(),
                    records.account().settings().peerApprovalRequired(), false, setupKey.ephemeral(), now));
            groupsFor(records, setupKey).forEach(group ->
                    steps.add(new AddPeerToGroupCommand(group.id(), records.account().id(), peerId)));
            commands.sendAtomically(steps, initiator);
        } finally {
            if (reservation != null) {
                addressing.release(reservation);
            }
            setupKeyUses.release(setupKey.id());
        }
        return configurations.of(records, records.peer(peerId).orElseThrow(), now, requestHost);
    }

    /**
     * A daemon that lost its answer (or reinstalled with its old key) asks again. The key it shows
     * must still be valid, or be the very key the peer joined with and not revoked or expired.
     */
    private PeerConfiguration reenroll(AccountRecords records, PeerView peer, SetupKeyView setupKey,
            PeerMetadata metadata, Instant now, Initiator initiator, String requestHost) {
        boolean sameKeyStillAllowed = setupKey.id().equals(peer.enrolledWithSetupKey())
                && !setupKey.revoked() && now.isBefore(setupKey.expiresAt());
        if (!setupKey.isValidAt(now) && !sameKeyStillAllowed) {
            throw CommandRejectedException.preconditionFailed("setup key is " + setupKey.stateAt(now));
        }
        if (!peer.metadata().equals(metadata)) {
            commands.send(new UpdatePeerMetadataCommand(peer.id(), records.account().id(), metadata), initiator);
        }
        return configurations.of(records, records.peer(peer.id()).orElseThrow(), now, requestHost);
    }

    /** The key's auto-groups that still exist; the All group needs no step, every peer is in it. */
    private static List<GroupView> groupsFor(AccountRecords records, SetupKeyView setupKey) {
        return setupKey.autoGroups().stream()
                .map(records::group)
                .flatMap(java.util.Optional::stream)
                .filter(group -> !group.builtIn())
                .toList();
    }
}
