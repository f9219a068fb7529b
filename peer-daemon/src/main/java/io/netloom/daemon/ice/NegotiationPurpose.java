package io.netloom.daemon.ice;

/** Why a {@link PeerConnection} negotiates: what the negotiation may select and what happens to the current path. */
enum NegotiationPurpose {

    /** The first path, or a new one after the path died or a negotiation failed. */
    CONNECT(PairNominator.RELAYED_WAIT_MILLIS, "connected"),

    /** A P2P path in place of a healthy relayed one: no relay is gathered, and only a P2P pair is switched to. */
    UPGRADE(PairNominator.RELAYED_WAIT_MILLIS, "upgraded"),

    /** A path allocated with fresh TURN credentials in place of a relayed one whose credentials expire. */
    RENEWAL(PairNominator.RELAYED_WAIT_MILLIS, "renewed"),

    /**
     * A path in place of one that went quiet: traffic is being lost, so the first relayed pair found is nominated
     * after a short wait rather than ice4j's 800 ms (a pair without a relay is, as always, nominated at once).
     */
    REPLACEMENT(200, "replaced the quiet path");

    private final long relayedWaitMillis;
    private final String outcome;

    NegotiationPurpose(long relayedWaitMillis, String outcome) {
        this.relayedWaitMillis = relayedWaitMillis;
        this.outcome = outcome;
    }

    /** What the log says when a negotiation for this purpose selected its path. */
    String outcome() {
        return outcome;
    }

    /** How long the controlling side waits, once a relayed pair is valid, for a pair through fewer relays. */
    long relayedWaitMillis() {
        return relayedWaitMillis;
    }

    /** Whether the current path stays in use until this negotiation selects a new one, and after it fails. */
    boolean keepsCurrentPath() {
        return this != CONNECT;
    }
}
