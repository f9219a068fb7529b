package io.netloom.projections.networkmap;

import io.netloom.domain.ids.GroupId;
import java.util.HashSet;
import java.util.Set;

/**
 * One peer inside an {@link AccountNetwork}: its attributes, explicit groups and the reference
 * counts its map is made of. A remote peer or inbound rule is in the map while at least one
 * (rule, source group, destination group) combination supports it.
 */
final class PeerSlot {

    final int index;
    PeerNode node;
    boolean active;
    long serial;
    final Set<GroupId> groups = new HashSet<>();
    /** Keyed by the remote peer's slot index. */
    final LongCounts remotes = new LongCounts();
    /** Keyed by {@link #ruleKey}: source slot index and rule shape. */
    final LongCounts inbound = new LongCounts();
    /**
     * The part of {@link #remotes} that network resources bring (ADR 0031), keyed the same way: subtracted
     * whenever a route asks whether a policy connects two peers.
     */
    final LongCounts routeLinks = new LongCounts();
    RouteSections routeSections = RouteSections.NONE;
    DnsSections dnsSections = DnsSections.DEFAULT;

    PeerSlot(int index, PeerNode node) {
        this.index = index;
        this.node = node;
    }

    static long ruleKey(PeerSlot source, int shapeId) {
        return ((long) source.index << 32) | shapeId;
    }

    static int sourceIndexOf(long ruleKey) {
        return (int) (ruleKey >>> 32);
    }

    static int shapeIdOf(long ruleKey) {
        return (int) ruleKey;
    }
}
