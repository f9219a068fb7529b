package io.netloom.projections.history;

import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.Explanation.Denial;
import io.netloom.projections.history.Explanation.DenialCode;
import io.netloom.projections.networkmap.PeerNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a peer takes no part in the overlay, if it does not: not approved, login expired, owner blocked (the three
 * conditions of {@code PeerNode}'s activity), each with the event behind it.
 */
final class PeerStanding {

    private PeerStanding() {
    }

    /** The reasons, coded for the peer's side ({@code source_...} or {@code destination_...}). */
    static List<Denial> denials(AccountState state, PeerId id, boolean source, Naming names) {
        AccountState.PeerRecord peer = state.peer(id)
                .orElseThrow(() -> new IllegalArgumentException("no peer " + id + " in this account"));
        PeerNode node = peer.node();
        String who = (source ? "source " : "destination ") + names.peer(id);
        List<Denial> denials = new ArrayList<>();
        if (!node.approved()) {
            denials.add(new Denial(source ? DenialCode.SOURCE_NOT_APPROVED : DenialCode.DESTINATION_NOT_APPROVED,
                    who + " is not approved: it reaches nobody and nobody reaches it",
                    peer.standingChangedBy()));
        }
        if (node.loginExpired()) {
            denials.add(new Denial(source ? DenialCode.SOURCE_LOGIN_EXPIRED : DenialCode.DESTINATION_LOGIN_EXPIRED,
                    who + "'s login has expired: it takes no part until its person signs in again",
                    peer.standingChangedBy()));
        }
        if (node.owner() != null && state.isBlocked(node.owner())) {
            denials.add(new Denial(source ? DenialCode.SOURCE_OWNER_BLOCKED : DenialCode.DESTINATION_OWNER_BLOCKED,
                    who + "'s owner " + names.user(node.owner()) + " is blocked: their peers are cut off",
                    state.blockOf(node.owner()).orElse(null)));
        }
        return denials;
    }
}
