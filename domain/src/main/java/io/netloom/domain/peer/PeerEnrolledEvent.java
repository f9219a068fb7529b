package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * @param extraDnsLabels the names the device asked for besides its label (ADR 0046); none in events written before
 *     they existed, which is what those peers had
 * @param allowExtraDnsLabels whether the peer may have extra DNS labels, fixed at enrollment as NetBird fixes it: the
 *     setup key's {@code allow_extra_dns_labels}; false for a person's device and in events written before it existed
 */
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
        Instant enrolledAt,
        ExtraDnsLabels extraDnsLabels,
        boolean allowExtraDnsLabels) {

    public PeerEnrolledEvent {
        extraDnsLabels = extraDnsLabels == null ? ExtraDnsLabels.NONE : extraDnsLabels;
    }
}
