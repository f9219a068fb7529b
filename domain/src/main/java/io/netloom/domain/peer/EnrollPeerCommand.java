package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A peer is enrolled either interactively by a user or unattended with a setup key: exactly one of
 * {@code enrolledByUser} and {@code enrolledWithSetupKey} is set. The overlay IP and DNS label are allocated
 * beforehand, because uniqueness across the account is not this aggregate's to decide. Extra DNS labels need
 * {@code allowExtraDnsLabels}, the setup key's permission (ADR 0046).
 */
public record EnrollPeerCommand(
        @TargetAggregateIdentifier PeerId peerId,
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
}
