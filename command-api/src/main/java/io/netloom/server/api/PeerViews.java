package io.netloom.server.api;

import io.netloom.api.netbird.Peer;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.directory.Directory;
import io.netloom.server.gateway.GatewayServer;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A peer exactly as {@code GET /api/peers/{id}} answers it, for the console's live feed of peers. */
@Component
public class PeerViews {

    private final Directory directory;
    private final GatewayServer gateway;

    public PeerViews(Directory directory, GatewayServer gateway) {
        this.directory = directory;
        this.gateway = gateway;
    }

    /** Empty when the account or the peer no longer exists. */
    public Optional<Peer> of(AccountId account, PeerId peer) {
        return directory.account(account).flatMap(records -> records.peer(peer)
                .map(view -> NetbirdViews.peer(view, records, gateway.reportedPaths(account, peer))));
    }
}
