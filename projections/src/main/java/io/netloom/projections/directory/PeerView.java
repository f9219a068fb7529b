package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.WireguardPublicKey;
import java.time.Instant;

/**
 * @param extraDnsLabels the names the device asked for besides its label (ADR 0046)
 * @param allowExtraDnsLabels whether its setup key allowed extra DNS labels when it enrolled
 */
public record PeerView(
        PeerId id,
        AccountId accountId,
        WireguardPublicKey publicKey,
        PeerMetadata metadata,
        String name,
        String overlayIp,
        DnsLabel dnsLabel,
        UserId enrolledByUser,
        SetupKeyId enrolledWithSetupKey,
        boolean approvalRequired,
        boolean sshEnabled,
        boolean loginExpirationEnabled,
        boolean inactivityExpirationEnabled,
        boolean ephemeral,
        Instant createdAt,
        Instant lastLogin,
        boolean loginExpired,
        ExtraDnsLabels extraDnsLabels,
        boolean allowExtraDnsLabels) {

    PeerView withExtraDnsLabels(ExtraDnsLabels labels) {
        return new PeerView(id, accountId, publicKey, metadata, name, overlayIp, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, sshEnabled, loginExpirationEnabled,
                inactivityExpirationEnabled, ephemeral, createdAt, lastLogin, loginExpired, labels,
                allowExtraDnsLabels);
    }

    PeerView renamed(String newName, DnsLabel newLabel) {
        return new PeerView(id, accountId, publicKey, metadata, newName, overlayIp, newLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, sshEnabled, loginExpirationEnabled,
                inactivityExpirationEnabled, ephemeral, createdAt, lastLogin, loginExpired, extraDnsLabels,
                allowExtraDnsLabels);
    }

    PeerView withSettings(boolean ssh, boolean loginExpiration, boolean inactivityExpiration) {
        return new PeerView(id, accountId, publicKey, metadata, name, overlayIp, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, ssh, loginExpiration, inactivityExpiration, ephemeral,
                createdAt, lastLogin, loginExpired, extraDnsLabels,
                allowExtraDnsLabels);
    }

    PeerView approved() {
        return new PeerView(id, accountId, publicKey, metadata, name, overlayIp, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, false, sshEnabled, loginExpirationEnabled, inactivityExpirationEnabled,
                ephemeral, createdAt, lastLogin, loginExpired, extraDnsLabels,
                allowExtraDnsLabels);
    }

    PeerView withOverlayIp(String ip) {
        return new PeerView(id, accountId, publicKey, metadata, name, ip, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, sshEnabled, loginExpirationEnabled,
                inactivityExpirationEnabled, ephemeral, createdAt, lastLogin, loginExpired, extraDnsLabels,
                allowExtraDnsLabels);
    }

    /** A device re-enrolling with a setup key counts as its login; a person's device logs in by signing in. */
    PeerView withMetadata(PeerMetadata newMetadata, Instant reenrolledAt) {
        Instant loggedInAt = enrolledByUser == null ? reenrolledAt : lastLogin;
        return new PeerView(id, accountId, publicKey, newMetadata, name, overlayIp, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, sshEnabled, loginExpirationEnabled,
                inactivityExpirationEnabled, ephemeral, createdAt, loggedInAt, loginExpired, extraDnsLabels,
                allowExtraDnsLabels);
    }

    PeerView withLoginExpired(boolean expired) {
        return new PeerView(id, accountId, publicKey, metadata, name, overlayIp, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, sshEnabled, loginExpirationEnabled,
                inactivityExpirationEnabled, ephemeral, createdAt, lastLogin, expired, extraDnsLabels,
                allowExtraDnsLabels);
    }

    PeerView loggedIn(Instant at) {
        return new PeerView(id, accountId, publicKey, metadata, name, overlayIp, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, sshEnabled, loginExpirationEnabled,
                inactivityExpirationEnabled, ephemeral, createdAt, at, false, extraDnsLabels,
                allowExtraDnsLabels);
    }
}
