package io.netloom.ops.bench.networkmap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.networkmap.AccountNetwork;
import io.netloom.projections.networkmap.PeerMapUpdate;
import java.util.List;
import java.util.Set;

/**
 * What a peer joining costs on the wire: the JSON bytes of the delta each existing peer receives,
 * next to the size of one full map, on NetBird's benchmark topologies.
 *
 * <pre>java io.netloom.ops.bench.networkmap.DeltaSizes [peers/groups ...]</pre>
 */
public final class DeltaSizes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeltaSizes() {
    }

    public static void main(String[] args) throws Exception {
        List<String> shapes = args.length > 0 ? List.of(args)
                : List.of("50/5", "500/100", "5000/200", "5000/15", "2000/2000", "25000/50");
        System.out.println("| peers/groups | peers told | delta bytes per told peer (max) | full map bytes (one peer) | "
                + "all deltas together | all full maps together |");
        System.out.println("|---|---|---|---|---|---|");
        for (String shape : shapes) {
            MeshFixture fixture = MeshFixture.of(shape);
            AccountNetwork network = fixture.build();
            PeerId newcomer = MeshFixture.peerId(fixture.peers());
            network.addPeer(MeshFixture.node(fixture.peers()));
            List<PeerMapUpdate> updates = network.addToGroup(MeshFixture.groupId(0), Set.of(newcomer));
            long maxDelta = 0;
            long totalDeltas = 0;
            int told = 0;
            for (PeerMapUpdate update : updates) {
                if (update.peer().equals(newcomer)) {
                    continue;
                }
                long bytes = JSON.writeValueAsBytes(update.delta()).length;
                maxDelta = Math.max(maxDelta, bytes);
                totalDeltas += bytes;
                told++;
            }
            long fullMap = JSON.writeValueAsBytes(network.mapOf(MeshFixture.peerId(0)).orElseThrow()).length;
            System.out.printf("| %s | %d | %d | %d | %d | %d |%n", shape, told, maxDelta, fullMap, totalDeltas,
                    fullMap * told);
        }
    }
}
