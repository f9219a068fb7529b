package io.netloom.gateway;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.Set;
import java.util.stream.Collectors;

/** The members of a gateway cluster as Hazelcast sees them: node ids are the members' UUIDs. */
final class HazelcastMembership implements ClusterMembership {

    private final HazelcastInstance hazelcast;

    HazelcastMembership(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public String node() {
        return hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    @Override
    public Set<String> liveNodes() {
        return hazelcast.getCluster().getMembers().stream().map(Member::getUuid).map(String::valueOf)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void onMemberGone(Runnable listener) {
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // A new member holds no sessions yet.
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                listener.run();
            }
        });
    }
}
