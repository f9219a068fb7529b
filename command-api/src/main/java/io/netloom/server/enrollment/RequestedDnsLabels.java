package io.netloom.server.enrollment;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.SetPeerExtraDnsLabelsCommand;
import io.netloom.projections.directory.PeerView;
import java.util.Optional;

/**
 * The extra DNS labels a daemon asked for when it enrolled or logged in (ADR 0046), checked before anything is
 * written: malformed ones are refused with 422, and any where the setup key the peer joined with did not allow them
 * with 412, in NetBird's words. Absent means "not said" (a daemon from before them): an enrolled peer keeps its own.
 */
record RequestedDnsLabels(Optional<ExtraDnsLabels> labels) {

    static RequestedDnsLabels of(EnrollmentRequest request) {
        return new RequestedDnsLabels(Optional.ofNullable(request.extraDnsLabels()).map(ExtraDnsLabels::of));
    }

    /** For a new peer: the labels it enrolls with, none if none were asked for. */
    ExtraDnsLabels forNewPeer(boolean allowed) {
        ExtraDnsLabels asked = labels.orElse(ExtraDnsLabels.NONE);
        requireAllowed(asked, allowed);
        return asked;
    }

    /** For an enrolled peer: the command that gives it the labels asked for, if they differ from its own. */
    Optional<SetPeerExtraDnsLabelsCommand> changeOf(PeerView peer) {
        return labels.filter(asked -> !asked.equals(peer.extraDnsLabels())).map(asked -> {
            requireAllowed(asked, peer.allowExtraDnsLabels());
            return new SetPeerExtraDnsLabelsCommand(peer.id(), peer.accountId(), asked);
        });
    }

    private static void requireAllowed(ExtraDnsLabels asked, boolean allowed) {
        if (!allowed && !asked.isEmpty()) {
            throw CommandRejectedException.preconditionFailed("setup key doesn't allow extra DNS labels");
        }
    }
}
