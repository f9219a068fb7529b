package io.netloom.daemon.dns;

import static io.netloom.daemon.dns.TestDns.name;
import static io.netloom.daemon.dns.TestDns.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.map.MapConfig;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.RemotePeer;
import io.netloom.daemon.status.DnsStatus;
import io.netloom.daemon.status.RecentProblems;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The peer's DNS as the daemon drives it, on loopback (the "overlay address" is 127.0.0.1) with a resolv.conf in a
 * temporary directory: maps in, the resolver and the file follow, and everything is put back.
 */
class MeshDnsTest {

    private static final byte[] ORIGINAL = "nameserver 198.18.0.1\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;
    private Path resolvConf;
    private final RecentProblems problems = new RecentProblems(Clock.systemUTC());
    private MeshDns dns;

    @BeforeEach
    void start() throws IOException {
        resolvConf = directory.resolve("resolv.conf");
        Files.write(resolvConf, ORIGINAL);
        dns = meshDns(0);
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void mapChangedWhenManagedThenListensAnswersAndTheSystemAsksIt() throws Exception {
        dns.mapChanged(map(true, peer("b", 2))).join();

        DnsStatus status = dns.status();
        assertThat(status.state()).isEqualTo("listening");
        assertThat(status.listenAddress()).startsWith("127.0.0.1:");
        assertThat(status.peerNames()).isEqualTo(2);
        assertThat(status.systemResolvers()).containsExactly("198.18.0.1:53");
        assertThat(Files.readString(resolvConf)).contains("search netloom.internal\nnameserver 127.0.0.1\n"
                + "nameserver 198.18.0.1\n");
        assertThat(ask("b.netloom.internal")).containsExactly("100.64.0.2");
    }

    @Test
    void mapChangedWhenPeersChangeThenTheNextAnswerFollowsAtOnce() throws Exception {
        dns.mapChanged(map(true, peer("b", 2))).join();
        assertThat(ask("c.netloom.internal")).isEmpty();

        dns.mapChanged(map(true, peer("b", 2), peer("c", 3))).join();

        assertThat(ask("c.netloom.internal")).containsExactly("100.64.0.3");
        assertThat(dns.status().queries().answered()).isEqualTo(2);
    }

    @Test
    void mapChangedWhenManagementDisabledThenTheOriginalIsBackAndNothingListensUntilEnabledAgain() throws Exception {
        dns.mapChanged(map(true)).join();

        dns.mapChanged(map(false)).join();

        assertThat(Files.readAllBytes(resolvConf)).isEqualTo(ORIGINAL);
        assertThat(dns.status().state()).isEqualTo("off");
        assertThat(dns.status().listenAddress()).isNull();
        assertThat(dns.status().management()).isFalse();

        dns.mapChanged(map(true)).join();
        assertThat(Files.readString(resolvConf)).contains("nameserver 127.0.0.1");
    }

    @Test
    void mapChangedWhenNeverManagedThenTheSystemIsNeverTouched() throws Exception {
        dns.mapChanged(map(false)).join();

        assertThat(Files.readAllBytes(resolvConf)).isEqualTo(ORIGINAL);
        assertThat(directory.resolve("original.json")).doesNotExist();
    }

    @Test
    void mapChangedWhenThePortIsTakenThenFailedWithTheReasonAndTheSystemUntouched() throws Exception {
        dns.close();
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            dns = meshDns(taken.getLocalPort());

            dns.mapChanged(map(true)).join();

            assertThat(dns.status().state()).isEqualTo("failed");
            assertThat(dns.status().lastError()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(problems.newestFirst()).anySatisfy(problem -> assertThat(problem).contains("cannot listen"));
            assertThat(Files.readAllBytes(resolvConf)).isEqualTo(ORIGINAL);
        }
    }

    @Test
    void closeThenTheOriginalIsBack() throws Exception {
        dns.mapChanged(map(true)).join();

        dns.close();

        assertThat(Files.readAllBytes(resolvConf)).isEqualTo(ORIGINAL);
    }

    @Test
    void mapChangedWhenEntriesAreBadThenEachIsAProblemOnceAndTheRestIsUsed() throws Exception {
        RemotePeer odd = new RemotePeer("x", "k", "100.64.0.9/32", "x.elsewhere.example", true);

        dns.mapChanged(map(true, peer("b", 2), odd)).join();
        dns.mapChanged(map(true, peer("b", 2), odd)).join();

        assertThat(problems.newestFirst()).filteredOn(problem -> problem.contains("x.elsewhere.example")).hasSize(1);
        assertThat(ask("b.netloom.internal")).containsExactly("100.64.0.2");
    }

    private MeshDns meshDns(int port) {
        return new MeshDns(new ResolvConfFile(resolvConf, directory.resolve("original.json")), port,
                Duration.ofSeconds(1), problems);
    }

    private static NetworkMap map(boolean managed, RemotePeer... peers) {
        return new NetworkMap(1, new MapConfig("127.0.0.1/8", "self.netloom.internal", "netloom.internal", managed,
                List.of()),
                List.of(peers), List.of());
    }

    private List<String> ask(String name) throws IOException {
        String[] hostAndPort = dns.status().listenAddress().split(":");
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(hostAndPort[0],
                Integer.parseInt(hostAndPort[1])));
        resolver.setTimeout(Duration.ofSeconds(10));
        Message response = resolver.send(Message.newQuery(Record.newRecord(name(name), Type.A, DClass.IN)));
        return response.getSection(Section.ANSWER).stream().filter(ARecord.class::isInstance)
                .map(record -> ((ARecord) record).getAddress().getHostAddress()).toList();
    }
}
