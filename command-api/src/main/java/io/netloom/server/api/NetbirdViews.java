package io.netloom.server.api;

import io.netloom.api.netbird.GroupMinimum;
import io.netloom.api.netbird.NetbirdTimes;
import io.netloom.api.netbird.Peer;
import io.netloom.api.netbird.PeerMinimum;
import io.netloom.api.netloom.ReportedConnection;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.ReportedPaths;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.GroupSummary;
import io.netloom.projections.directory.PeerPresence;
import io.netloom.projections.directory.PeerView;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Read-model views in NetBird's wire shapes, where more than one controller needs them. */
final class NetbirdViews {

    private NetbirdViews() {
    }

    static GroupMinimum groupMinimum(GroupSummary group) {
        return new GroupMinimum(group.id().value(), group.name(), group.peerCount(), 0, group.issued().wireName());
    }

    static PeerMinimum peerMinimum(PeerView peer) {
        return new PeerMinimum(peer.id().value(), peer.name());
    }

    /** When the peer was last connected, or, if it never was, when it enrolled or last logged in. */
    static Instant lastSeen(AccountRecords records, PeerView peer) {
        Instant seen = records.presenceOf(peer.id()).lastSeen();
        return seen == null ? peer.lastLogin() : seen;
    }

    /**
     * The paths the peer reported (ADR 0038), towards peers of its account that still exist, with their names; as
     * {@code netloom status --json} names connection types.
     */
    static List<ReportedConnection> connections(Optional<ReportedPaths> reported, AccountRecords records) {
        return reported.map(ReportedPaths::paths).orElse(List.of()).stream()
                .flatMap(path -> records.peer(new PeerId(path.peerId())).stream().map(remote -> new ReportedConnection(
                        remote.id().value(), remote.name(), path.type().name(), path.localCandidateType(),
                        path.remoteCandidateType(), path.remoteEndpoint(),
                        path.relayTransport() == null ? null : path.relayTransport().name().toLowerCase(Locale.ROOT),
                        path.latencyMillis())))
                .toList();
    }

    static Peer peer(PeerView peer, AccountRecords records, Optional<ReportedPaths> reported) {
        List<GroupMinimum> groups = records.groupsOf(peer.id()).stream().map(NetbirdViews::groupMinimum).toList();
        String dnsDomain = records.account().settings().dnsDomain();
        String fqdn = peer.dnsLabel().value() + "." + dnsDomain;
        // As NetBird answers them: full names in the account's domain, not the labels the device sent (ADR 0046).
        List<String> extraFqdns = peer.extraDnsLabels().names().stream().map(label -> label + "." + dnsDomain).toList();
        PeerPresence presence = records.presenceOf(peer.id());
        return new Peer(
                peer.id().value(),
                peer.name(),
                peer.createdAt(),
                peer.overlayIp(),
                presence.connectionIp(),
                presence.connected(),
                lastSeen(records, peer),
                peer.metadata().os(),
                peer.metadata().kernelVersion(),
                0,
                peer.metadata().daemonVersion(),
                groups,
                peer.sshEnabled(),
                peer.enrolledByUser() == null ? "" : peer.enrolledByUser().value(),
                peer.metadata().hostname(),
                "",
                fqdn,
                peer.loginExpirationEnabled(),
                peer.loginExpired(),
                peer.enrolledByUser() == null ? NetbirdTimes.ZERO : peer.lastLogin(),
                peer.inactivityExpirationEnabled(),
                peer.approvalRequired(),
                "",
                "",
                "",
                extraFqdns,
                peer.ephemeral(),
                connections(reported, records));
    }
}
