package io.netloom.server.enrollment;

import io.netloom.domain.group.AddPeerToGroupCommand;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.EnrollPeerCommand;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.SetupKeyView;
import io.netloom.projections.directory.UserView;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Stores a new peer in one transaction: its address and DNS label, its enrollment and its auto-groups. The first
 * attempt takes address and label from the read model, which is right unless concurrent enrollments chose alike;
 * later attempts choose so that they cannot collide again (ADR 0011).
 */
@Component
class NewPeers {

    private final Commands commands;
    private final PeerAddressing addressing;

    NewPeers(Commands commands, PeerAddressing addressing) {
        this.commands = commands;
        this.addressing = addressing;
    }

    /**
     * Whom a new peer belongs to: a person, whose login can expire, or a setup key; only a setup key can allow extra
     * DNS labels (NetBird: a peer added by a user has no such permission).
     */
    record Origin(UserId user, SetupKeyId setupKey, boolean loginExpirationEnabled, boolean ephemeral,
            Set<GroupId> autoGroups, boolean allowExtraDnsLabels) {

        static Origin person(UserView user) {
            return new Origin(user.id(), null, true, false, user.autoGroups(), false);
        }

        static Origin setupKey(SetupKeyView setupKey) {
            return new Origin(null, setupKey.id(), false, setupKey.ephemeral(), setupKey.autoGroups(),
                    setupKey.allowExtraDnsLabels());
        }
    }

    PeerId enroll(AccountRecords records, Origin origin, WireguardPublicKey publicKey, PeerMetadata metadata,
            ExtraDnsLabels extraDnsLabels, Instant now, Initiator initiator, boolean firstAttempt) {
        PeerId peerId = PeerId.random();
        commands.sendAtomically(() -> {
            PeerAddressing.Assignment assignment = firstAttempt
                    ? addressing.guess(records, metadata.hostname())
                    : addressing.assign(records, publicKey, metadata.hostname());
            List<Object> steps = new ArrayList<>();
            steps.add(new EnrollPeerCommand(peerId, records.account().id(), publicKey, metadata, metadata.hostname(),
                    assignment.overlayIp(), assignment.dnsLabel(), origin.user(), origin.setupKey(),
                    records.account().settings().peerApprovalRequired(), origin.loginExpirationEnabled(),
                    origin.ephemeral(), now, extraDnsLabels, origin.allowExtraDnsLabels()));
            // The All group needs no step: every peer is in it.
            origin.autoGroups().stream()
                    .map(records::group)
                    .flatMap(Optional::stream)
                    .filter(group -> !group.builtIn())
                    .forEach(group -> steps.add(new AddPeerToGroupCommand(group.id(), records.account().id(), peerId)));
            return steps;
        }, initiator);
        return peerId;
    }
}
