package io.netloom.server.gateway;

import io.netloom.domain.ids.AccountId;
import io.netloom.gateway.PeerIdentity;
import io.netloom.gateway.SessionIds;
import io.netloom.projections.directory.Directory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The sessions the read model shows as open whose gateway is not a live member (ADR 0058): the gateway's process is
 * gone, so no peer may show as connected through it. At start, those of this process's earlier runs; in a cluster,
 * also those of a member that has just failed.
 */
final class GatewaySessionsOfAbsentNodes {

    /** A session to record as ended. */
    record OpenSession(PeerIdentity peer, String sessionId) {
    }

    private GatewaySessionsOfAbsentNodes() {
    }

    static List<OpenSession> in(Directory directory, Set<String> liveNodes) {
        List<OpenSession> absent = new ArrayList<>();
        for (AccountId account : directory.accountIds()) {
            directory.account(account).ifPresent(records -> records.connectedPeers().forEach((peer, state) -> {
                boolean onLiveNode = SessionIds.nodeOf(state.sessionId()).filter(liveNodes::contains).isPresent();
                if (!onLiveNode) {
                    records.peer(peer).ifPresent(view -> absent.add(new OpenSession(
                            new PeerIdentity(account, peer, view.publicKey().base64()), state.sessionId())));
                }
            }));
        }
        return absent;
    }
}
