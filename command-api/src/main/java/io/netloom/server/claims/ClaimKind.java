package io.netloom.server.claims;

import java.util.Arrays;
import java.util.Optional;

/** What a peer holds uniquely: a column of {@code peer_claim} and the constraint that guards it. */
public enum ClaimKind {
    /** Unique across all accounts: one device, one key. */
    PUBLIC_KEY("public_key", "peer_claim_public_key"),
    /** Unique within an account. */
    OVERLAY_IP("overlay_ip", "peer_claim_overlay_ip"),
    /** Unique within an account. */
    DNS_LABEL("dns_label", "peer_claim_dns_label");

    private final String column;
    private final String constraint;

    ClaimKind(String column, String constraint) {
        this.column = column;
        this.constraint = constraint;
    }

    String column() {
        return column;
    }

    static Optional<ClaimKind> guardedBy(String constraint) {
        return Arrays.stream(values()).filter(kind -> kind.constraint.equals(constraint)).findFirst();
    }
}
