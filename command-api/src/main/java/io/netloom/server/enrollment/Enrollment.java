package io.netloom.server.enrollment;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.SetPeerExtraDnsLabelsCommand;
import io.netloom.domain.peer.UpdatePeerMetadataCommand;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.directory.SetupKeyView;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.claims.ClaimConflictException;
import io.netloom.server.claims.ClaimKind;
import io.netloom.server.claims.PublicKeyHolders;
import io.netloom.server.security.SecretTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Joins a device to an account with a setup key: the peer is recorded, its key, address and label
 * claimed, the key's use counted and the peer added to the key's auto-groups in one transaction,
 * either all of it or none (ADR 0011). Many devices enroll with one key in parallel; none waits for
 * another unless they present the same WireGuard key.
 * Presenting the same WireGuard key again returns the same peer without using the key again. A key
 * held in another account is refused exactly as an unknown setup key is, after the same checks a
 * new key goes through, so the answer never tells whether another account has that device.
 */
@Service
public class Enrollment {

    /** Attempts at claiming values that concurrent enrollments took first; each retry picks new ones. */
    private static final int MAX_ATTEMPTS = 5;
    /** How long the loser of a race for one key waits for the winner's peer to show in the read model. */
    private static final Duration READ_MODEL_PATIENCE = Duration.ofSeconds(5);

    private final Directory directory;
    private final Commands commands;
    private final NewPeers newPeers;
    private final PublicKeyHolders keyHolders;
    private final PeerConfigurations configurations;
    private final Clock clock;

    public Enrollment(Directory directory, Commands commands, NewPeers newPeers, PublicKeyHolders keyHolders,
            PeerConfigurations configurations, Clock clock) {
        this.directory = directory;
        this.commands = commands;
        this.newPeers = newPeers;
        this.keyHolders = keyHolders;
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
        records.setupKey(keyRef.setupKeyId()).orElseThrow(InvalidSetupKeyException::new);
        if (request.wireguardPublicKey() == null) {
            throw CommandRejectedException.invalid("wireguard_public_key is required");
        }
        WireguardPublicKey publicKey = new WireguardPublicKey(request.wireguardPublicKey());
        PeerMetadata metadata = new PeerMetadata(
                request.hostname(), request.os(), request.kernelVersion(), request.daemonVersion());
        RequestedDnsLabels labels = RequestedDnsLabels.of(request);
        Instant now = clock.instant();

        for (int attempt = 1; ; attempt++) {
            // The key before the device: the read model finds a new peer by its key before it counts the
            // setup key's use, so a key seen used up by this device's enrollment comes with the device's peer.
            SetupKeyView setupKey = records.setupKey(keyRef.setupKeyId()).orElseThrow(InvalidSetupKeyException::new);
            Initiator initiator = new Initiator(setupKey.id().value());
            Optional<PeerView> enrolled = peerInAccount(records, publicKey);
            if (enrolled.isPresent()) {
                return reenroll(records, enrolled.get(), setupKey, metadata, labels, now, initiator, requestHost);
            }
            try {
                PeerId peerId = enrollNew(records, setupKey, publicKey, metadata, labels, now, initiator,
                        attempt == 1);
                return configurations.of(records, records.peer(peerId).orElseThrow(), now, requestHost);
            } catch (ClaimConflictException conflict) {
                if (conflict.kind() == ClaimKind.PUBLIC_KEY) {
                    Optional<PeerView> winner = awaitWinnerOfRaceForKey(records, publicKey);
                    if (winner.isPresent()) {
                        return reenroll(records, winner.get(), setupKey, metadata, labels, now, initiator,
                                requestHost);
                    }
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw CommandRejectedException.conflict("the enrollment met concurrent changes; retry");
                }
            }
        }
    }

    private PeerId enrollNew(AccountRecords records, SetupKeyView setupKey, WireguardPublicKey publicKey,
            PeerMetadata metadata, RequestedDnsLabels labels, Instant now, Initiator initiator, boolean firstAttempt) {
        // The read model's count answers most refusals; the claimed use in the transaction is the guarantee.
        setupKey.usage().requireUsableAt(now);
        return newPeers.enroll(records, NewPeers.Origin.setupKey(setupKey), publicKey, metadata,
                labels.forNewPeer(setupKey.allowExtraDnsLabels()), now, initiator, firstAttempt);
    }

    /**
     * Another transaction holds the key and has committed. If it is this account's, waits until the
     * read model shows its peer and returns it; if another account's, the caller gets the refusal a
     * stranger gets. Empty if the peer has been deleted since: the next attempt enrolls afresh.
     */
    private Optional<PeerView> awaitWinnerOfRaceForKey(AccountRecords records, WireguardPublicKey publicKey) {
        Optional<Directory.PeerRef> holder = keyHolders.holderOf(publicKey);
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        if (!holder.get().accountId().equals(records.account().id())) {
            throw new InvalidSetupKeyException();
        }
        long deadline = System.nanoTime() + READ_MODEL_PATIENCE.toNanos();
        Optional<PeerView> winner = peerInAccount(records, publicKey);
        while (winner.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw CommandRejectedException.conflict("this WireGuard key is being enrolled by another request; retry");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CommandRejectedException.conflict("this WireGuard key is being enrolled by another request; retry");
            }
            winner = peerInAccount(records, publicKey);
        }
        return winner;
    }

    private Optional<PeerView> peerInAccount(AccountRecords records, WireguardPublicKey publicKey) {
        return directory.peerByPublicKey(publicKey.base64())
                .filter(ref -> ref.accountId().equals(records.account().id()))
                .flatMap(ref -> records.peer(ref.peerId()));
    }

    /**
     * A daemon that lost its answer (or reinstalled with its old key) asks again. The key it shows
     * must still be valid, or be the very key the peer joined with and not revoked or expired.
     */
    private PeerConfiguration reenroll(AccountRecords records, PeerView peer, SetupKeyView setupKey,
            PeerMetadata metadata, RequestedDnsLabels labels, Instant now, Initiator initiator, String requestHost) {
        boolean sameKeyStillAllowed = setupKey.id().equals(peer.enrolledWithSetupKey())
                && !setupKey.revoked() && now.isBefore(setupKey.expiresAt());
        if (!setupKey.isValidAt(now) && !sameKeyStillAllowed) {
            throw CommandRejectedException.preconditionFailed("setup key is " + setupKey.stateAt(now));
        }
        Optional<SetPeerExtraDnsLabelsCommand> labelsChange = labels.changeOf(peer);
        if (!peer.metadata().equals(metadata)) {
            commands.send(new UpdatePeerMetadataCommand(peer.id(), records.account().id(), metadata), initiator);
        }
        labelsChange.ifPresent(change -> commands.send(change, initiator));
        return configurations.of(records, records.peer(peer.id()).orElseThrow(), now, requestHost);
    }

    /** The key's auto-groups that still exist; the All group needs no step, every peer is in it. */
}
