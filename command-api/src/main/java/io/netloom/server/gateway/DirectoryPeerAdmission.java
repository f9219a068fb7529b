package io.netloom.server.gateway;

import io.netloom.gateway.PeerDirectory;
import io.netloom.gateway.PeerIdentity;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.directory.UserView;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Admits a peer to the gateway if its key belongs to an enrolled peer whose owner is not blocked. */
@Component
public class DirectoryPeerAdmission implements PeerDirectory {

    private final Directory directory;

    public DirectoryPeerAdmission(Directory directory) {
        this.directory = directory;
    }

    @Override
    public Admission admit(String publicKey) {
        Optional<Directory.PeerRef> ref = directory.peerByPublicKey(publicKey);
        if (ref.isEmpty()) {
            return Admission.refused("no peer is enrolled with this key");
        }
        AccountRecords records = directory.account(ref.get().accountId()).orElse(null);
        Optional<PeerView> peer = records == null ? Optional.empty() : records.peer(ref.get().peerId());
        if (peer.isEmpty()) {
            return Admission.refused("no peer is enrolled with this key");
        }
        if (peer.get().enrolledByUser() != null
                && records.user(peer.get().enrolledByUser()).map(UserView::blocked).orElse(true)) {
            return Admission.refused("the peer's owner is blocked or deleted");
        }
        return Admission.admitted(new PeerIdentity(ref.get().accountId(), ref.get().peerId(), publicKey),
                peer.get().allowExtraDnsLabels());
    }
}
