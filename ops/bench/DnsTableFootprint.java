import io.netloom.daemon.dns.DnsTable;
import io.netloom.daemon.dns.DnsTables;
import io.netloom.daemon.map.DnsRecord;
import io.netloom.daemon.map.DnsZone;
import io.netloom.daemon.map.MapConfig;
import io.netloom.daemon.map.Nameserver;
import io.netloom.daemon.map.NameserverGroup;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.RemotePeer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What the peer's resolver holds for a map of PEERS peers and a 50-record zone (ADR 0045), and how long a map takes
 * to become its table: run with the daemon's jar, as a single-file program (BENCHMARKS.md, "The peer's resolver"):
 *
 * <pre>java -XX:+UseSerialGC -Xmx256m -cp peer-daemon/target/netloom.jar ops/bench/DnsTableFootprint.java 5000</pre>
 */
public class DnsTableFootprint {

    private static final int KEPT = 20;
    private static final int BUILDS = 50;

    public static void main(String[] args) throws InterruptedException {
        int peers = Integer.parseInt(args[0]);
        NetworkMap map = map(peers);
        InetSocketAddress self = new InetSocketAddress("100.64.0.1", 53);
        DnsTables.of(map, self, List.of());
        // KEPT tables at once, each of its own objects, so that collector noise divides out.
        long before = usedAfterGc();
        DnsTable[] kept = new DnsTable[KEPT];
        for (int i = 0; i < KEPT; i++) {
            kept[i] = DnsTables.of(map, self, List.of());
        }
        double bytes = (usedAfterGc() - before) / (double) KEPT;
        long start = System.nanoTime();
        for (int i = 0; i < BUILDS; i++) {
            kept[i % KEPT] = DnsTables.of(map, self, List.of());
        }
        double millis = (System.nanoTime() - start) / 1e6 / BUILDS;
        System.out.printf("%d peers and 50 records: a table of %.2f MiB (%.0f bytes a name), made from the map in "
                + "%.2f ms (mean of %d)%n", peers, bytes / 1048576, bytes / (peers + 51), millis, BUILDS);
        System.out.println(kept[0].meshNames().size() + " names answered");
    }

    private static NetworkMap map(int peers) {
        List<RemotePeer> remote = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            remote.add(new RemotePeer("peer-" + i, "key-" + i, "100.64." + (i / 250) + "." + (i % 250 + 2) + "/32",
                    "host-" + i + ".netloom.internal", true));
        }
        List<DnsRecord> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(new DnsRecord("lab.example", "r" + i + ".lab.example", "A", "198.18.3." + (i + 1), 300));
        }
        return new NetworkMap(1, new MapConfig("100.64.0.1/10", "self.netloom.internal", "netloom.internal", true,
                List.of()),
                remote, List.of(), List.of(), List.of(), List.of(),
                List.of(new NameserverGroup("ns-1", "primary", List.of(new Nameserver("198.18.0.53", 53)), true,
                        List.of(), false)),
                List.of(new DnsZone("lab.example", false)), records);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
