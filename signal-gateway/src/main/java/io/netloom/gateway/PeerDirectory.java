package io.netloom.gateway;

/** Who a WireGuard public key belongs to, and whether that peer may hold a session now. */
public interface PeerDirectory {

    Admission admit(String publicKey);

    /**
     * Either an identity, or the reason the peer is refused.
     *
     * @param allowsExtraDnsLabels whether the peer may ask for extra DNS labels: its setup key allowed them when it
     *     enrolled (ADR 0046)
     */
    record Admission(PeerIdentity identity, String refusal, boolean allowsExtraDnsLabels) {

        public static Admission admitted(PeerIdentity identity) {
            return new Admission(identity, null, false);
        }

        public static Admission admitted(PeerIdentity identity, boolean allowsExtraDnsLabels) {
            return new Admission(identity, null, allowsExtraDnsLabels);
        }

        public static Admission refused(String reason) {
            return new Admission(null, reason, false);
        }

        public boolean isAdmitted() {
            return identity != null;
        }
    }
}
