package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The full editable state of a peer, as NetBird's PUT on a peer sends it. */
public record UpdatePeerCommand(
        @TargetAggregateIdentifier PeerId peerId,
        AccountId accountId,
        String name,
        DnsLabel dnsLabel,
        boolean sshEnabled,
        boolean loginExpirationEnabled,
        boolean inactivityExpirationEnabled,
        boolean approvalRequired,
        String overlayIp) {
}
