package io.netloom.ops.bench.networkmap;

import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsRecordType;
import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.dns.Nameserver;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import io.netloom.domain.ids.NameserverGroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.policy.Protocol;
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
 * The DNS part of the network-map engine (ADR 0043) on {@link NetworkMapBenchmark}'s mesh, with DNS configured as
 * an office would: a primary nameserver group for every peer, a match-domain group for group 0, a 50-record zone
 * for every peer, a 20-record zone for group 1, and DNS management disabled for group 2. Compare the changes that do
 * not touch DNS with {@link NetworkMapBenchmark}'s same changes on the mesh without DNS, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC"})
public class DnsMapBenchmark {

    private static final DnsZoneId EVERYONES_ZONE = new DnsZoneId("zone-all");
    private static final DnsRecordId TOGGLED_RECORD = new DnsRecordId("record-toggled");
    private static final DnsRecordDefinition TOGGLED = new DnsRecordDefinition("new.corp.example", DnsRecordType.A,
            "198.18.9.9", 300);

    @Param({"5000/200"})
    public String topology;

    private AccountNetwork network;
    private AccountSnapshot snapshot;
    private boolean recordPresent;
    private boolean policyNarrowed;
    private boolean peerMoved;

    @Setup(Level.Trial)
    public void build() {
        network = MeshFixture.of(topology).build();
        Nameserver resolver = new Nameserver("198.18.0.53", 53);
        network.putNameserverGroup(new NameserverGroupId("ns-all"), new NameserverGroupDefinition("resolvers", "",
                List.of(resolver), true, Set.of(MeshFixture.ALL), true, List.of(), false));
        network.putNameserverGroup(new NameserverGroupId("ns-0"), new NameserverGroupDefinition("group 0", "",
                List.of(resolver), true, Set.of(MeshFixture.groupId(0)), false, List.of("lab.example"), true));
        network.putDnsZone(EVERYONES_ZONE, new DnsZoneDefinition("office", "corp.example", true, true,
                Set.of(MeshFixture.ALL)));
        for (int i = 0; i < 50; i++) {
            network.putDnsRecord(EVERYONES_ZONE, new DnsRecordId("record-" + i),
                    new DnsRecordDefinition("host-" + i + ".corp.example", DnsRecordType.A, "198.18.1." + i, 300));
        }
        DnsZoneId groupZone = new DnsZoneId("zone-1");
        network.putDnsZone(groupZone, new DnsZoneDefinition("group 1", "one.example", true, false,
                Set.of(MeshFixture.groupId(1))));
        for (int i = 0; i < 20; i++) {
            network.putDnsRecord(groupZone, new DnsRecordId("record-1-" + i),
                    new DnsRecordDefinition("host-" + i + ".one.example", DnsRecordType.A, "198.18.2." + i, 300));
        }
        network.changeDnsSettings(new DnsSettings(Set.of(MeshFixture.groupId(2))));
        snapshot = network.snapshot();
    }

    @Benchmark
    public Map<PeerId, NetworkMap> allMapsFromScratchWithDns() {
        return NetworkMapCalculator.allMaps(snapshot);
    }

    /** One record added to, then removed from, the zone every peer receives: 5,000 deltas of one record each. */
    @Benchmark
    public List<PeerMapUpdate> recordChangeForEveryPeer() {
        recordPresent = !recordPresent;
        return recordPresent ? network.putDnsRecord(EVERYONES_ZONE, TOGGLED_RECORD, TOGGLED)
                : network.removeDnsRecord(EVERYONES_ZONE, TOGGLED_RECORD);
    }

    /** As {@link NetworkMapBenchmark#policyChangeIncremental}: DNS untouched, but configured. */
    @Benchmark
    public List<PeerMapUpdate> policyChangeWithDns() {
        policyNarrowed = !policyNarrowed;
        return network.putPolicy(MeshFixture.policyId(0),
                MeshFixture.meshPolicy(0, policyNarrowed ? Protocol.TCP : Protocol.ALL));
    }

    /** As {@link NetworkMapBenchmark#groupMembershipChange}: the moved peer's DNS sections are computed again. */
    @Benchmark
    public List<PeerMapUpdate> groupMembershipChangeWithDns() {
        peerMoved = !peerMoved;
        PeerId peer = MeshFixture.peerId(0);
        int from = peerMoved ? 0 : 1;
        int to = peerMoved ? 1 : 0;
        List<PeerMapUpdate> left = network.removeFromGroup(MeshFixture.groupId(from), Set.of(peer));
        List<PeerMapUpdate> joined = network.addToGroup(MeshFixture.groupId(to), Set.of(peer));
        return left.size() > joined.size() ? left : joined;
    }
}
