package io.netloom.gateway;

/** Who a WireGuard public key belongs to, and whether that peer may hold a session now. */
public interface PeerDirectory {

    Admission admit(String publicKey);

    /** Either an identity, or the reason the peer is refused. */
    record Admission(PeerIdentity identity, String refusal) {

        public static Admission admitted(PeerIdentity identity) {
            return new Admission(identity, null);
        }

        public static Admission refused(String reason) {
            return new Admission(null, reason);
        }

        public boolean isAdmitted() {
            return identity != null;
        }
    }
}
