package io.netloom.projections.networkmap;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.policy.PolicyRule;
import java.util.HashSet;
import java.util.Set;

/** An enabled rule of an enabled policy, with the id of its interned {@link RuleShape}. */
record ActiveRule(PolicyRule rule, int shapeId) {

    /** The groups the rule names on either side, each once. */
    Set<GroupId> groups() {
        Set<GroupId> groups = new HashSet<>(rule.sources());
        groups.addAll(rule.destinations());
        return groups;
    }

    /**
     * Counts every (source, destination) combination of this rule up or down. With {@code onlyGroup}
     * set, only combinations through that group on either side: used when a group itself comes or goes.
     */
    void contribute(AccountNetwork network, int sign, Set<GroupId> onlyGroup) {
        for (GroupId sourceGroup : rule.sources()) {
            for (GroupId destinationGroup : rule.destinations()) {
                if (onlyGroup != null && !onlyGroup.contains(sourceGroup) && !onlyGroup.contains(destinationGroup)) {
                    continue;
                }
                for (PeerSlot source : network.membersOf(sourceGroup)) {
                    for (PeerSlot destination : network.membersOf(destinationGroup)) {
                        network.pair(this, source, destination, sign);
                    }
                }
            }
        }
    }
}
