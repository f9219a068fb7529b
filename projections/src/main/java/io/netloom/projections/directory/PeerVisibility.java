package io.netloom.projections.directory;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.policy.PolicyRule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which peers each peer may connect to, by NetBird's rule: an enabled rule of an enabled policy
 * makes its destinations visible to its sources and, for return traffic, its sources visible to its
 * destinations. Peers with the same groups see the same peers, so the answer is worked out once per
 * distinct set of groups rather than once per peer.
 */
public final class PeerVisibility {

    private PeerVisibility() {
    }

    /** For every peer of the account, how many other peers it may connect to. */
    public static Map<PeerId, Integer> accessibleCounts(AccountRecords records) {
        List<PolicyRule> rules = activeRules(records);
        Map<Set<GroupId>, Set<PeerId>> bySignature = new HashMap<>();
        Map<PeerId, Integer> counts = new HashMap<>();
        for (PeerView peer : records.peers()) {
            Set<GroupId> groups = groupIds(records, peer.id());
            Set<PeerId> visible = bySignature.computeIfAbsent(groups, signature -> reachable(records, rules, signature));
            counts.put(peer.id(), visible.size() - (visible.contains(peer.id()) ? 1 : 0));
        }
        return counts;
    }

    /** The peers one peer may connect to, itself excluded. */
    public static Set<PeerId> accessibleTo(AccountRecords records, PeerId peer) {
        Set<PeerId> visible = reachable(records, activeRules(records), groupIds(records, peer));
        visible.remove(peer);
        return visible;
    }

    private static Set<PeerId> reachable(AccountRecords records, List<PolicyRule> rules, Set<GroupId> groups) {
        Set<PeerId> visible = new HashSet<>();
        for (PolicyRule rule : rules) {
            if (intersects(rule.sources(), groups)) {
                rule.destinations().forEach(group -> addMembers(records, group, visible));
            }
            if (intersects(rule.destinations(), groups)) {
                rule.sources().forEach(group -> addMembers(records, group, visible));
            }
        }
        return visible;
    }

    private static List<PolicyRule> activeRules(AccountRecords records) {
        return records.policies().stream()
                .filter(PolicyView::enabled)
                .flatMap(policy -> policy.rules().stream())
                .filter(PolicyRule::enabled)
                .toList();
    }

    private static Set<GroupId> groupIds(AccountRecords records, PeerId peer) {
        Set<GroupId> ids = new HashSet<>();
        records.groupsOf(peer).forEach(group -> ids.add(group.id()));
        return ids;
    }

    private static void addMembers(AccountRecords records, GroupId group, Set<PeerId> into) {
        records.group(group).ifPresent(view -> into.addAll(view.peers()));
    }

    private static boolean intersects(Set<GroupId> a, Set<GroupId> b) {
        for (GroupId id : a) {
            if (b.contains(id)) {
                return true;
            }
        }
        return false;
    }
}
