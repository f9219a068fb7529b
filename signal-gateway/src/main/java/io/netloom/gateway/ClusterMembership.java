package io.netloom.gateway;

import java.util.Set;
import java.util.UUID;

/** Which gateways are there: this one's node id, and the ids of every live member of its cluster (it included). */
public interface ClusterMembership {

    String node();

    Set<String> liveNodes();

    /** Tells {@code listener} on another thread whenever a member leaves or fails. */
    void onMemberGone(Runnable listener);

    /** A gateway alone: a fresh node id per process, so the sessions of an earlier run count as another node's. */
    static ClusterMembership alone() {
        String node = UUID.randomUUID().toString();
        return new ClusterMembership() {
            @Override
            public String node() {
                return node;
            }

            @Override
            public Set<String> liveNodes() {
                return Set.of(node);
            }

            @Override
            public void onMemberGone(Runnable listener) {
                // No other member to lose.
            }
        };
    }
}
