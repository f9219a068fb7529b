package io.netloom.ops.bench.networkmap;

import io.netloom.domain.policy.Protocol;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.AccessChange;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.networkmap.AccountNetwork;
import io.netloom.projections.networkmap.AccountSnapshot;
import io.netloom.projections.networkmap.NetworkMap;
import io.netloom.projections.networkmap.NetworkMapCalculator;
import io.netloom.projections.networkmap.PeerMapUpdate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Network-map computation on NetBird's benchmark topology. Full computations use the from-scratch
 * {@link NetworkMapCalculator}; changes go through the incremental {@link AccountNetwork} and include
 * producing every affected peer's delta.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC"})
public class NetworkMapBenchmark {

    @Param({"50/5", "500/100", "5000/200", "5000/15", "2000/2000", "25000/50"})
    public String topology;

    private MeshFixture fixture;
    private AccountNetwork network;
    private AccountSnapshot snapshot;
    private PeerId somePeer;
    private PeerId newcomer;
    private boolean policyNarrowed;
    private boolean peerMoved;

    @Setup(Level.Trial)
    public void build() {
        fixture = MeshFixture.of(topology);
        network = fixture.build();
        snapshot = network.snapshot();
        somePeer = MeshFixture.peerId(fixture.peers() / 2);
        newcomer = MeshFixture.peerId(fixture.peers());
    }

    @Benchmark
    public Map<PeerId, NetworkMap> allMapsFromScratch() {
        return NetworkMapCalculator.allMaps(snapshot);
    }

    @Benchmark
    public NetworkMap onePeerMapFromScratch() {
        return NetworkMapCalculator.mapOf(snapshot, somePeer);
    }

    @Benchmark
    public NetworkMap onePeerMapFromModel() {
        return network.mapOf(somePeer).orElseThrow();
    }

    /** Group 0's policy switches between all protocols and TCP 22: every map of the group changes. */
    @Benchmark
    public List<PeerMapUpdate> policyChangeIncremental() {
        policyNarrowed = !policyNarrowed;
        return network.putPolicy(MeshFixture.policyId(0),
                MeshFixture.meshPolicy(0, policyNarrowed ? Protocol.TCP : Protocol.ALL));
    }

    /**
     * A dry run of group 0's policy narrowed to TCP 22 (ADR 0035, decision 8): the live inputs copied, the change
     * applied to the copy, every map computed before and after, and the flows and changed maps compared.
     */
    @Benchmark
    public AccessChange dryRunPolicyChange() {
        AccountState state = network.copyInputs(AccountState::new);
        AccountSnapshot before = state.snapshot();
        state.putPolicy(MeshFixture.policyId(0), MeshFixture.meshPolicy(0, Protocol.TCP));
        return AccessChange.between(before, state.snapshot());
    }

    /** A new peer enrolls and is put into group 0, as a setup key with an auto-group does. */
    @Benchmark
    public List<PeerMapUpdate> peerJoining(NewcomerGone newcomerGone) {
        List<PeerMapUpdate> enrolled = network.addPeer(MeshFixture.node(fixture.peers()));
        List<PeerMapUpdate> grouped = network.addToGroup(MeshFixture.groupId(0), Set.of(newcomer));
        return enrolled.size() > grouped.size() ? enrolled : grouped;
    }

    /** One peer leaves group 0 for group 1, or goes back. */
    @Benchmark
    public List<PeerMapUpdate> groupMembershipChange() {
        peerMoved = !peerMoved;
        PeerId peer = MeshFixture.peerId(0);
        int from = peerMoved ? 0 : 1;
        int to = peerMoved ? 1 : 0;
        List<PeerMapUpdate> left = network.removeFromGroup(MeshFixture.groupId(from), Set.of(peer));
        List<PeerMapUpdate> joined = network.addToGroup(MeshFixture.groupId(to), Set.of(peer));
        return left.size() > joined.size() ? left : joined;
    }

    /** Before each timed join, the previous newcomer is removed again (untimed). */
    @State(Scope.Thread)
    public static class NewcomerGone {
        @Setup(Level.Invocation)
        public void removeNewcomer(NetworkMapBenchmark benchmark) {
            benchmark.network.removePeer(benchmark.newcomer);
        }
    }
}
