package io.netloom.server.login;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.EnrollPeerCommand;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.testing.TestPeers;
import java.time.Instant;

/**
 * Enrolls a person's device the way the sign-in side will once it exists (issue 11): the enrollment command
 * with the user, login expiry on, as NetBird does for every device a person adds.
 */
final class UserDevices {

    private final Commands commands;
    private int next;

    UserDevices(Commands commands) {
        this.commands = commands;
    }

    PeerId enroll(AccountId account, UserId user, String name, Instant at) {
        PeerId peer = PeerId.random();
        next++;
        commands.send(new EnrollPeerCommand(peer, account, new WireguardPublicKey(TestPeers.newPublicKey()),
                new PeerMetadata(name, "linux", "6.8.0", "0.1.0"), name, "100.64.77." + next, new DnsLabel(name),
                user, null, false, true, false, at, ExtraDnsLabels.NONE, false), new Initiator(user.value()));
        return peer;
    }
}
