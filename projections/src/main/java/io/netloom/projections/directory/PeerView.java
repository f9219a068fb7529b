package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.WireguardPublicKey;
import java.time.Instant;

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
        boolean loginExpired) {

    PeerView renamed(String newName, DnsLabel newLabel) {
        return new PeerView(id, accountId, publicKey, metadata, newName, overlayIp, newLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, sshEnabled, loginExpirationEnabled,
                inactivityExpirationEnabled, ephemeral, createdAt, lastLogin, loginExpired);
    }

    PeerView withSettings(boolean ssh, boolean loginExpiration, boolean inactivityExpiration) {
        return new PeerView(id, accountId, publicKey, metadata, name, overlayIp, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, ssh, loginExpiration, inactivityExpiration, ephemeral,
                createdAt, lastLogin, loginExpired);
    }

    PeerView approved() {
        return new PeerView(id, accountId, publicKey, metadata, name, overlayIp, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, false, sshEnabled, loginExpirationEnabled, inactivityExpirationEnabled,
                ephemeral, createdAt, lastLogin, loginExpired);
    }

    PeerView withOverlayIp(String ip) {
        return new PeerView(id, accountId, publicKey, metadata, name, ip, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, sshEnabled, loginExpirationEnabled,
                inactivityExpirationEnabled, ephemeral, createdAt, lastLogin, loginExpired);
    }

    /** A device re-enrolling with a setup key counts as its login; a person's device logs in by signing in. */
    PeerView withMetadata(PeerMetadata newMetadata, Instant reenrolledAt) {
        Instant loggedInAt = enrolledByUser == null ? reenrolledAt : lastLogin;
        return new PeerView(id, accountId, publicKey, newMetadata, name, overlayIp, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, sshEnabled, loginExpirationEnabled,
                inactivityExpirationEnabled, ephemeral, createdAt, loggedInAt, loginExpired);
    }

    PeerView withLoginExpired(boolean expired) {
        return new PeerView(id, accountId, publicKey, metadata, name, overlayIp, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, sshEnabled, loginExpirationEnabled,
                inactivityExpirationEnabled, ephemeral, createdAt, lastLogin, expired);
    }

    PeerView loggedIn(Instant at) {
        return new PeerView(id, accountId, publicKey, metadata, name, overlayIp, dnsLabel, enrolledByUser,
                enrolledWithSetupKey, approvalRequired, sshEnabled, loginExpirationEnabled,
                inactivityExpirationEnabled, ephemeral, createdAt, at, false);
    }
}
