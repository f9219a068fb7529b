package io.netloom.projections.history;

import io.netloom.domain.ids.PeerId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

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

    /** The peers of one bucket and their memberships. */
    public record Bucket(List<Peer> peers, List<Member> members) {
    }

    public record Peer(int index, AccountState.PeerRecord record) {
    }

    /**
     * One membership, its group given by its index in the common part's groups (an id per membership would repeat
     * each group's id in every bucket).
     *
     * @param index the member's place in its group's whole member list
     */
    public record Member(int group, int index, PeerId peer, EventPosition addedBy) {
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
        List<List<Member>> members = new ArrayList<>();
        for (int bucket = 0; bucket < buckets; bucket++) {
            peers.add(new ArrayList<>());
            members.add(new ArrayList<>());
        }
        for (int index = 0; index < data.peers().size(); index++) {
            AccountState.PeerRecord peer = data.peers().get(index);
            peers.get(bucketOf(peer.node().id(), buckets)).add(new Peer(index, peer));
        }
        List<AccountStateData.Group> emptyGroups = new ArrayList<>();
        for (int group = 0; group < data.groups().size(); group++) {
            AccountStateData.Group of = data.groups().get(group);
            emptyGroups.add(new AccountStateData.Group(of.id(), List.of()));
            for (int index = 0; index < of.members().size(); index++) {
                AccountStateData.Member member = of.members().get(index);
                members.get(bucketOf(member.peer(), buckets)).add(new Member(group, index, member.peer(),
                        member.addedBy()));
            }
        }
        List<Bucket> parts = new ArrayList<>();
        for (int bucket = 0; bucket < buckets; bucket++) {
            parts.add(new Bucket(peers.get(bucket), members.get(bucket)));
        }
        AccountStateData common = new AccountStateData(data.network(), data.dnsDomain(), data.allGroup(), emptyGroups,
                List.of(), data.policies(), data.blockedUsers(), data.routes(), data.networks(),
                data.setupKeyCreators(), data.dns());
        return new Parts(common, parts);
    }

    /** The state the common part and these buckets hold: every bucket gives the whole state, some its peers only. */
    public static AccountStateData join(AccountStateData common, Collection<Bucket> buckets) {
        List<Peer> peers = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        for (Bucket bucket : buckets) {
            peers.addAll(bucket.peers());
            members.addAll(bucket.members());
        }
        peers.sort(Comparator.comparingInt(Peer::index));
        members.sort(Comparator.comparingInt(Member::group).thenComparingInt(Member::index));
        List<AccountStateData.Group> groups = new ArrayList<>();
        int next = 0;
        for (int group = 0; group < common.groups().size(); group++) {
            List<AccountStateData.Member> of = new ArrayList<>();
            for (; next < members.size() && members.get(next).group() == group; next++) {
                of.add(new AccountStateData.Member(members.get(next).peer(), members.get(next).addedBy()));
            }
            groups.add(new AccountStateData.Group(common.groups().get(group).id(), List.copyOf(of)));
        }
        return new AccountStateData(common.network(), common.dnsDomain(), common.allGroup(), groups,
                peers.stream().map(Peer::record).toList(), common.policies(), common.blockedUsers(), common.routes(),
                common.networks(), common.setupKeyCreators(), common.dns());
    }
}
