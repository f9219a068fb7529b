package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PeerEnrolledEvent(
        PeerId peerId,
        AccountId accountId,
        WireguardPublicKey publicKey,
        PeerMetadata metadata,
        String name,
        String overlayIp,
        DnsLabel dnsLabel,
        UserId enrolledByUser,
        SetupKeyId enrolledWithSetupKey,
        boolean approvalRequired,
        boolean loginExpirationEnabled,
        boolean ephemeral,
        Instant enrolledAt) {
}
