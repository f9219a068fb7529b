package io.netloom.daemon.sync;

import io.netloom.daemon.map.OverlayBounds;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.gateway.protocol.SignedMapEnvelope;

/**
 * What this device trusts a map by, all from its enrollment: the account key that signs its maps, the
 * recipient they must be signed for (this account and peer) and the overlay they must stay inside.
 */
public record MapTrust(byte[] signingKey, SignedMapEnvelope.Recipient recipient, OverlayBounds overlay) {

    /** Refuses an enrollment without a usable map-signing key: such a device could verify nothing. */
    public static MapTrust of(PeerConfiguration configuration) {
        PeerConfiguration.MapSigning signing = configuration.mapSigning();
        if (signing == null) {
            throw new IllegalArgumentException("the enrollment names no map-signing key (the server that answered "
                    + "it did not sign network maps), and this daemon applies signed maps only");
        }
        if (!SignedMapEnvelope.SCHEME.equals(signing.scheme())) {
            throw new IllegalArgumentException("the enrollment's map-signing scheme is not "
                    + SignedMapEnvelope.SCHEME + ": this daemon cannot verify the server's maps");
        }
        return new MapTrust(SignedMapEnvelope.decodePublicKey(signing.publicKey()),
                new SignedMapEnvelope.Recipient(configuration.accountId(), configuration.peerId()),
                OverlayBounds.of(configuration.overlayNetwork()));
    }
}
