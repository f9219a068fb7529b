package io.netloom.projections.history;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A state laid out so that a few peers can be read without the others (ADR 0035, decision 10): a common part
 * (everything but peers and memberships) and the peers with their memberships in buckets chosen by a stable hash
 * of the peer id. Each entry keeps its index in the whole state's lists, so that joining every bucket gives back
 * exactly the state that was split, in the same order; joining some gives those buckets' peers only.
 */
public final class StateBuckets {

    /** @param common the state without peers and with every group's member list empty */
    public record Parts(AccountStateData common, List<Bucket> buckets) {
    }

    /** The peers of one bucket and their memberships; {@code groups} lists only groups holding one of them. */
    public record Bucket(List<Peer> peers, List<Group> groups) {
    }

    public record Peer(int index, AccountState.PeerRecord record) {
    }

    public record Group(GroupId id, List<Member> members) {
    }

    /** @param index the member's place in its group's whole member list */
    public record Member(int index, PeerId peer, EventPosition addedBy) {
    }

    private StateBuckets() {
    }

    /**
     * The bucket a peer is stored in: {@code String.hashCode} is specified by the language, so the same id lands in
     * the same bucket on every server and version.
     */
    public static int bucketOf(PeerId peer, int buckets) {
        return Math.floorMod(peer.value().hashCode(), buckets);
    }

    public static Parts split(AccountStateData data, int buckets) {
        List<List<Peer>> peers = new ArrayList<>();
        List<Map<GroupId, List<Member>>> groups = new ArrayList<>();
        for (int bucket = 0; bucket < buckets; bucket++) {
            peers.add(new ArrayList<>());
            groups.add(new LinkedHashMap<>());
        }
        for (int index = 0; index < data.peers().size(); index++) {
            AccountState.PeerRecord peer = data.peers().get(index);
            peers.get(bucketOf(peer.node().id(), buckets)).add(new Peer(index, peer));
        }
        List<AccountStateData.Group> emptyGroups = new ArrayList<>();
        for (AccountStateData.Group group : data.groups()) {
            emptyGroups.add(new AccountStateData.Group(group.id(), List.of()));
            for (int index = 0; index < group.members().size(); index++) {
                AccountStateData.Member member = group.members().get(index);
                groups.get(bucketOf(member.peer(), buckets)).computeIfAbsent(group.id(), id -> new ArrayList<>())
                        .add(new Member(index, member.peer(), member.addedBy()));
            }
        }
        List<Bucket> parts = new ArrayList<>();
        for (int bucket = 0; bucket < buckets; bucket++) {
            parts.add(new Bucket(peers.get(bucket), groups.get(bucket).entrySet().stream()
                    .map(group -> new Group(group.getKey(), group.getValue())).toList()));
        }
        AccountStateData common = new AccountStateData(data.network(), data.dnsDomain(), data.allGroup(), emptyGroups,
                List.of(), data.policies(), data.blockedUsers(), data.routes(), data.networks(),
                data.setupKeyCreators());
        return new Parts(common, parts);
    }

    /** The state the common part and these buckets hold: every bucket gives the whole state, some its peers only. */
    public static AccountStateData join(AccountStateData common, Collection<Bucket> buckets) {
        List<Peer> peers = new ArrayList<>();
        Map<GroupId, List<Member>> members = new HashMap<>();
        for (Bucket bucket : buckets) {
            peers.addAll(bucket.peers());
            bucket.groups().forEach(group -> members.computeIfAbsent(group.id(), id -> new ArrayList<>())
                    .addAll(group.members()));
        }
        peers.sort(Comparator.comparingInt(Peer::index));
        List<AccountStateData.Group> groups = common.groups().stream().map(group -> {
            List<Member> of = members.getOrDefault(group.id(), List.of());
            return new AccountStateData.Group(group.id(), of.stream().sorted(Comparator.comparingInt(Member::index))
                    .map(member -> new AccountStateData.Member(member.peer(), member.addedBy())).toList());
        }).toList();
        return new AccountStateData(common.network(), common.dnsDomain(), common.allGroup(), groups,
                peers.stream().map(Peer::record).toList(), common.policies(), common.blockedUsers(), common.routes(),
                common.networks(), common.setupKeyCreators());
    }
}
