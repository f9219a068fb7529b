package io.netloom.ops.bench.networkmap;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.Protocol;
import io.netloom.gateway.protocol.MerkleBatch;
import io.netloom.mapsigning.MapMessageSigner;
import io.netloom.mapsigning.MapSigningKeys;
import io.netloom.mapsigning.SignedMapListener;
import io.netloom.mapsigning.SignedMapMessage;
import io.netloom.mapsigning.SignedMaps;
import io.netloom.projections.networkmap.AccountModel;
import io.netloom.projections.networkmap.AccountNetwork;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.PeerMapUpdate;
import io.netloom.projections.networkmap.PolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The publication path with signing (ADR 0015): a change applied through {@link NetworkMaps} until
 * every affected peer's delta is signed and handed over, as the gateway receives them. With
 * {@code signingThreads} 0 nothing is signed and the time is the engine's alone (through the same
 * {@code NetworkMaps}, recent deltas kept), the baseline the signing adds to.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class MapSigningBenchmark {

    private static final AccountId ACCOUNT = new AccountId("bench-account");

    /** Group 0's policy at 5,000 peers / 200 groups switches between all protocols and TCP 22: 25 maps change. */
    @Benchmark
    public void policyChange5000x200(PolicyChange state) throws InterruptedException {
        state.narrowed = !state.narrowed;
        PolicySpec policy = MeshFixture.meshPolicy(0, state.narrowed ? Protocol.TCP : Protocol.ALL);
        state.publish(network -> network.putPolicy(MeshFixture.policyId(0), policy));
    }

    /** A policy from All to a probe peer is enabled or disabled among 10,000 peers: every map changes. */
    @Benchmark
    public void allToProbe10000(AllToProbe state) throws InterruptedException {
        state.enabled = !state.enabled;
        PolicySpec policy = AllToProbe.probePolicy(state.enabled);
        state.publish(network -> network.putPolicy(AllToProbe.PROBE_POLICY, policy));
    }

    /** Serializing and signing one peer-joining delta (336 bytes of JSON at 5,000/200) in a batch of its own. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<SignedMapMessage> signOneDelta(Deltas state) {
        return state.signer.deltas(ACCOUNT, state.one);
    }

    /** The same for a full batch of 64 such deltas to different peers, under one signature. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<SignedMapMessage> signBatchOf64Deltas(Deltas state) {
        return state.signer.deltas(ACCOUNT, state.batch);
    }

    @State(Scope.Benchmark)
    public static class Deltas {
        MapMessageSigner signer;
        List<PeerMapUpdate> one;
        List<PeerMapUpdate> batch;

        @Setup(Level.Trial)
        public void build() {
            MeshFixture fixture = MeshFixture.of("5000/200");
            AccountNetwork network = fixture.build();
            network.addPeer(MeshFixture.node(fixture.peers()));
            PeerMapUpdate update = network.addToGroup(MeshFixture.groupId(0),
                    Set.of(MeshFixture.peerId(fixture.peers()))).get(0);
            one = List.of(update);
            batch = new ArrayList<>();
            for (int i = 0; i < MerkleBatch.MAX_LEAVES; i++) {
                batch.add(new PeerMapUpdate(MeshFixture.peerId(i), update.delta()));
            }
            signer = new MapMessageSigner(new MapSigningKeys(new byte[MapSigningKeys.MASTER_SECRET_BYTES]));
        }
    }

    /** One account on {@link NetworkMaps}, signed by {@code signingThreads} threads for a listener that wants every peer. */
    @State(Scope.Benchmark)
    public abstract static class Publication implements SignedMapListener {

        @Param({"0", "1", "2"})
        public int signingThreads;

        NetworkMaps maps;
        private SignedMaps signed;
        private volatile CountDownLatch delivered = new CountDownLatch(0);

        void build(MeshFixture fixture) {
            maps = new NetworkMaps();
            maps.createAccount(ACCOUNT, Ipv4Network.DEFAULT, "netloom.internal");
            maps.change(ACCOUNT, network -> {
                fixture.populate(network);
                return List.of();
            });
            if (signingThreads > 0) {
                signed = new SignedMaps(maps, new MapSigningKeys(new byte[MapSigningKeys.MASTER_SECRET_BYTES]),
                        signingThreads);
                signed.subscribe(this);
            }
        }

        /** Applies the change and returns once every affected peer's signed message is delivered. */
        void publish(Function<AccountModel, List<PeerMapUpdate>> change)
                throws InterruptedException {
            maps.change(ACCOUNT, network -> {
                List<PeerMapUpdate> updates = change.apply(network);
                delivered = new CountDownLatch(signed == null ? 0 : updates.size());
                return updates;
            });
            if (!delivered.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("signed messages missing: " + delivered.getCount());
            }
        }

        @Override
        public boolean wants(AccountId account, PeerId peer) {
            return true;
        }

        @Override
        public void mapSigned(AccountId account, PeerId peer, SignedMapMessage message) {
            delivered.countDown();
        }

        @TearDown(Level.Trial)
        public void close() {
            if (signed != null) {
                signed.close();
            }
        }
    }

    @State(Scope.Benchmark)
    public static class PolicyChange extends Publication {
        boolean narrowed;

        @Setup(Level.Trial)
        public void build() {
            build(MeshFixture.of("5000/200"));
        }
    }

    @State(Scope.Benchmark)
    public static class AllToProbe extends Publication {
        static final PolicyId PROBE_POLICY = new PolicyId("all-to-probe");
        private static final GroupId PROBE_GROUP = new GroupId("probe");
        private static final int PEERS = 10_000;
        boolean enabled;

        @Setup(Level.Trial)
        public void build() {
            build(MeshFixture.of(PEERS + "/400"));
            maps.change(ACCOUNT, network -> {
                network.addPeer(MeshFixture.node(PEERS));
                network.addGroup(PROBE_GROUP, false);
                network.addToGroup(PROBE_GROUP, Set.of(MeshFixture.peerId(PEERS)));
                network.putPolicy(PROBE_POLICY, probePolicy(false));
                return List.of();
            });
        }

        static PolicySpec probePolicy(boolean enabled) {
            return new PolicySpec(enabled, List.of(new PolicyRule(new PolicyRuleId("all-to-probe"), "probe", "", true,
                    true, Protocol.ALL, List.of(), Set.of(MeshFixture.ALL), Set.of(PROBE_GROUP))));
        }
    }
}
