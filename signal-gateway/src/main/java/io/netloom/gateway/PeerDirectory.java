package io.netloom.gateway;

/** Who a WireGuard public key belongs to, and whether that peer may hold a session now. */
public interface PeerDirectory {

    Admission admit(String publicKey);

    /**
     * Admits as {@link #admit} once the directory has caught up with every enrollment stored so far, wherever it was
     * stored; may block, so the gateway calls it off its event loop, and only for a key {@link #admit} did not know.
     */
    default Admission admitOnceCurrent(String publicKey) {
        return admit(publicKey);
    }

    /**
     * Either an identity, or the reason the peer is refused.
     *
     * @param allowsExtraDnsLabels whether the peer may ask for extra DNS labels: its setup key allowed them when it
     *     enrolled (ADR 0046)
     * @param unknownKey refused because no peer has the key here yet: it may have enrolled through another server
     *     process a moment ago
     */
    record Admission(PeerIdentity identity, String refusal, boolean allowsExtraDnsLabels, boolean unknownKey) {

        public static Admission admitted(PeerIdentity identity) {
            return new Admission(identity, null, false, false);
        }

        public static Admission admitted(PeerIdentity identity, boolean allowsExtraDnsLabels) {
            return new Admission(identity, null, allowsExtraDnsLabels, false);
        }

        public static Admission refused(String reason) {
            return new Admission(null, reason, false, false);
        }

        public static Admission unknownKey(String reason) {
            return new Admission(null, reason, false, true);
        }

        public boolean isAdmitted() {
            return identity != null;
        }
    }
}
