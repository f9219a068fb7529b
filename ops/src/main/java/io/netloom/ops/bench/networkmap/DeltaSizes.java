package io.netloom.ops.bench.networkmap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.mapsigning.MapMessageSigner;
import io.netloom.mapsigning.MapSigningKeys;
import io.netloom.mapsigning.SignedMapMessage;
import io.netloom.projections.networkmap.AccountNetwork;
import io.netloom.projections.networkmap.PeerMapUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * What a peer joining costs on the wire: the JSON bytes of the delta each existing peer receives,
 * and the whole message as the gateway sends it (signed envelope and batch proof included, the told
 * peers signed as one change, ADR 0015), next to the size of one full map, on NetBird's benchmark
 * topologies.
 *
 * <pre>java io.netloom.ops.bench.networkmap.DeltaSizes [peers/groups ...]</pre>
 */
public final class DeltaSizes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AccountId ACCOUNT = new AccountId("bench-account");

    private DeltaSizes() {
    }

    public static void main(String[] args) throws Exception {
        List<String> shapes = args.length > 0 ? List.of(args)
                : List.of("50/5", "500/100", "5000/200", "5000/15", "2000/2000", "25000/50");
        MapMessageSigner signer = new MapMessageSigner(new MapSigningKeys(new byte[MapSigningKeys.MASTER_SECRET_BYTES]));
        System.out.println("| peers/groups | peers told | delta bytes per told peer (max) | signed message bytes per "
                + "told peer (max) | full map bytes (one peer) | all signed messages together | all full maps "
                + "together |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String shape : shapes) {
            MeshFixture fixture = MeshFixture.of(shape);
            AccountNetwork network = fixture.build();
            PeerId newcomer = MeshFixture.peerId(fixture.peers());
            network.addPeer(MeshFixture.node(fixture.peers()));
            List<PeerMapUpdate> updates = network.addToGroup(MeshFixture.groupId(0), Set.of(newcomer));
            List<PeerMapUpdate> told = updates.stream().filter(update -> !update.peer().equals(newcomer)).toList();
            List<SignedMapMessage> signed = signer.deltas(ACCOUNT, told);
            long maxDelta = 0;
            long maxSigned = 0;
            long totalSigned = 0;
            for (int i = 0; i < told.size(); i++) {
                maxDelta = Math.max(maxDelta, JSON.writeValueAsBytes(told.get(i).delta()).length);
                long bytes = signed.get(i).text().getBytes(StandardCharsets.UTF_8).length;
                maxSigned = Math.max(maxSigned, bytes);
                totalSigned += bytes;
            }
            long fullMap = JSON.writeValueAsBytes(network.mapOf(MeshFixture.peerId(0)).orElseThrow()).length;
            System.out.printf("| %s | %d | %d | %d | %d | %d | %d |%n", shape, told.size(), maxDelta, maxSigned,
                    fullMap, totalSigned, fullMap * told.size());
        }
    }
}
