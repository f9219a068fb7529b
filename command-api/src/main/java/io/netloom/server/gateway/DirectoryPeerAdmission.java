package io.netloom.server.gateway;

import io.netloom.gateway.PeerDirectory;
import io.netloom.gateway.PeerIdentity;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.directory.UserView;
import io.netloom.server.readmodel.ReadModelFreshness;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Admits a peer to the gateway if its key belongs to an enrolled peer whose owner is not blocked. A key this
 * process's directory does not know may belong to a peer enrolled through another process a moment ago (ADR 0055):
 * the gateway then asks once more, after the directory caught up with the store.
 */
@Component
public class DirectoryPeerAdmission implements PeerDirectory {

    private static final String UNKNOWN_KEY = "no peer is enrolled with this key";

    private final Directory directory;
    private final BooleanSupplier catchUp;

    @Autowired
    public DirectoryPeerAdmission(Directory directory, ReadModelFreshness freshness) {
        this(directory, freshness::awaitRecentWrites);
    }

    DirectoryPeerAdmission(Directory directory, BooleanSupplier catchUp) {
        this.directory = directory;
        this.catchUp = catchUp;
    }

    @Override
    public Admission admit(String publicKey) {
        Optional<Directory.PeerRef> ref = directory.peerByPublicKey(publicKey);
        if (ref.isEmpty()) {
            return Admission.unknownKey(UNKNOWN_KEY);
        }
        AccountRecords records = directory.account(ref.get().accountId()).orElse(null);
        Optional<PeerView> peer = records == null ? Optional.empty() : records.peer(ref.get().peerId());
        if (peer.isEmpty()) {
            return Admission.refused(UNKNOWN_KEY);
        }
        if (peer.get().enrolledByUser() != null
                && records.user(peer.get().enrolledByUser()).map(UserView::blocked).orElse(true)) {
            return Admission.refused("the peer's owner is blocked or deleted");
        }
        return Admission.admitted(new PeerIdentity(ref.get().accountId(), ref.get().peerId(), publicKey),
                peer.get().allowExtraDnsLabels());
    }

    /** Once: a key still unknown after the wait is refused as unknown, and the gateway does not ask again. */
    @Override
    public Admission admitOnceCurrent(String publicKey) {
        if (!catchUp.getAsBoolean()) {
            return Admission.refused("the server is catching up with recent enrollments; try again");
        }
        Admission admission = admit(publicKey);
        return admission.unknownKey() ? Admission.refused(admission.refusal()) : admission;
    }
}
