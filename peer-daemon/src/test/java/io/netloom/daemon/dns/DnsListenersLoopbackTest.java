package io.netloom.daemon.dns;

import static io.netloom.daemon.dns.TestDns.map;
import static io.netloom.daemon.dns.TestDns.name;
import static io.netloom.daemon.dns.TestDns.peer;
import static io.netloom.daemon.dns.TestDns.record;
import static io.netloom.daemon.dns.TestDns.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.map.DnsRecord;
import io.netloom.daemon.map.Nameserver;
import io.netloom.daemon.map.NameserverGroup;
import io.netloom.daemon.map.NetworkMap;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The resolver's sockets on loopback, asked by dnsjava's client and by hand-made datagrams, forwarding to scripted
 * upstreams that answer, stay silent, send garbage or fail.
 */
class DnsListenersLoopbackTest {

    /** The forwarder's budget for a question: short, so that silent upstreams do not slow the tests down. */
    private static final Duration BUDGET = Duration.ofMillis(800);
    /** How long the test's client waits: far longer than the budget, so that a late SERVFAIL shows as a failure. */
    private static final Duration CLIENT_WAIT = Duration.ofSeconds(10);

    private final AtomicReference<DnsTable> table = new AtomicReference<>(DnsTable.EMPTY);
    private final DnsCounters counters = new DnsCounters();
    private ScriptedUpstream first;
    private ScriptedUpstream second;
    private UpstreamForwarder forwarder;
    private DnsListeners listeners;

    @BeforeEach
    void start() throws IOException {
        first = new ScriptedUpstream("203.0.113.1");
        second = new ScriptedUpstream("203.0.113.2");
        forwarder = new UpstreamForwarder(BUDGET);
        listeners = DnsListeners.open(InetAddress.getLoopbackAddress(), 0,
                new DnsResponder(table::get, forwarder, counters), counters, BUDGET.plusSeconds(1));
        use(map(List.of(peer("b", 2)), List.of(primaryOnBothUpstreams()), List.of(), List.of()));
    }

    @AfterEach
    void stop() throws IOException {
        listeners.close();
        forwarder.close();
        first.close();
        second.close();
    }

    @Test
    void askWhenMeshNameOverUdpOrTcpThenAnsweredHereWithTheClientsId() throws IOException {
        for (boolean tcp : new boolean[] {false, true}) {
            Message query = Message.newQuery(Record.newRecord(name("b.netloom.internal"), Type.A, DClass.IN));

            Message response = client(tcp).send(query);

            assertThat(response.getHeader().getID()).isEqualTo(query.getHeader().getID());
            assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(addresses(response)).containsExactly("100.64.0.2");
        }
        assertThat(first.received).isEmpty();
        assertThat(counters.snapshot().answered()).isEqualTo(2);
    }

    @Test
    void askWhenOtherNameThenTheFirstUpstreamAnswersAndNxdomainIsAnAnswerToo() throws IOException {
        assertThat(addresses(ask("www.example.org", false))).containsExactly("203.0.113.1");
        assertThat(ask("nx.example.org", false).getRcode()).isEqualTo(Rcode.NXDOMAIN);

        assertThat(second.received).isEmpty();
        assertThat(counters.snapshot().forwarded()).isEqualTo(2);
    }

    @Test
    void askWhenClientUsesTcpThenForwardedOverTcp() throws IOException {
        assertThat(addresses(ask("www.example.org", true))).containsExactly("203.0.113.1");

        assertThat(first.received).singleElement().asString().startsWith("tcp www.example.org.");
    }

    @Test
    void askWhenFirstUpstreamSilentGarbledWrongOrFailingThenTheSecondAnswers() throws IOException {
        for (ScriptedUpstream.Behaviour broken : List.of(ScriptedUpstream.Behaviour.SILENT,
                ScriptedUpstream.Behaviour.GARBAGE, ScriptedUpstream.Behaviour.WRONG_ID,
                ScriptedUpstream.Behaviour.SERVFAIL)) {
            first.behave(broken);

            assertThat(addresses(ask("www.example.org", false))).as(broken.name()).containsExactly("203.0.113.2");
        }
    }

    @Test
    void askWhenEveryUpstreamSilentOrGarbledThenServfailBeforeTheClientGivesUp() throws IOException {
        for (ScriptedUpstream.Behaviour broken : List.of(ScriptedUpstream.Behaviour.SILENT,
                ScriptedUpstream.Behaviour.GARBAGE)) {
            first.behave(broken);
            second.behave(broken);

            for (boolean tcp : new boolean[] {false, true}) {
                Message response = ask("www.example.org", tcp);

                assertThat(response.getRcode()).as(broken + (tcp ? " tcp" : " udp")).isEqualTo(Rcode.SERVFAIL);
                assertThat(response.getSection(Section.ANSWER)).isEmpty();
            }
        }
        assertThat(counters.snapshot().failed()).isEqualTo(4);
    }

    @Test
    void askWhenCnameInAZoneLeadsUpstreamThenTheChainThenTheUpstreamsAnswer() throws IOException {
        use(map(List.of(), List.of(new NameserverGroup("ns-corp", "corp", List.of(nameserver(second)), false,
                List.of("corp.example"), false)), List.of(zone("lab.example")),
                List.of(record("lab.example", "wiki.lab.example", "CNAME", "wiki.corp.example"))));

        Message response = ask("wiki.lab.example", false);

        assertThat(response.getSection(Section.ANSWER)).extracting(Record::getType).containsExactly(Type.CNAME,
                Type.A);
        assertThat(response.getQuestion().getName()).isEqualTo(name("wiki.lab.example"));
        assertThat(addresses(response)).containsExactly("203.0.113.2");
        assertThat(second.received).singleElement().asString().startsWith("udp wiki.corp.example.");
    }

    @Test
    void askWhenTheTableIsReplacedThenTheNextQuestionUsesTheNewOne() throws IOException {
        assertThat(ask("c.netloom.internal", false).getRcode()).isEqualTo(Rcode.NXDOMAIN);

        use(map(List.of(peer("b", 2), peer("c", 3)), List.of(), List.of(), List.of()));

        assertThat(addresses(ask("c.netloom.internal", false))).containsExactly("100.64.0.3");
    }

    @Test
    void askWhenLocalAnswerTooLargeForUdpThenTruncatedAndWholeOverTcp() throws IOException {
        List<DnsRecord> many = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            many.add(record("lab.example", "many.lab.example", "A", "198.18.3." + i));
        }
        use(map(List.of(), List.of(), List.of(zone("lab.example")), many));
        SimpleResolver plain = client(false);
        plain.setEDNS(-1);
        plain.setIgnoreTruncation(true);
        Message query = Message.newQuery(Record.newRecord(name("many.lab.example"), Type.A, DClass.IN));

        Message truncated = plain.send(query);

        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(client(true).send(query).getSection(Section.ANSWER)).hasSize(60);
    }

    @Test
    void sendWhenMalformedShortOversizedOrAResponseThenFormerrOrNothingAndTheResolverGoesOn() throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(1000);
            byte[] header = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
            byte[] truncatedQuestion = Arrays.copyOf(header, header.length + 5);
            truncatedQuestion[12] = 40; // a label of 40 bytes, of which 4 follow

            Message formerr = new Message(exchange(socket, truncatedQuestion));
            assertThat(formerr.getHeader().getID()).isEqualTo(0x1234);
            assertThat(formerr.getRcode()).isEqualTo(Rcode.FORMERR);

            byte[] response = header.clone();
            response[2] = (byte) 0x81;
            assertThat(exchangeOrNothing(socket, response)).as("a response").isNull();
            assertThat(exchangeOrNothing(socket, new byte[] {1, 2, 3})).as("a short datagram").isNull();
            byte[] oversized = Arrays.copyOf(header, DnsWire.MAX_QUERY_BYTES + 1);
            assertThat(exchangeOrNothing(socket, oversized)).as("an oversized datagram").isNull();
        }
        assertThat(addresses(ask("b.netloom.internal", false))).containsExactly("100.64.0.2");
    }

    @Test
    void askWhenNotAPlainQuestionThenNotimpFormerrOrRefused() throws IOException {
        Message notify = Message.newQuery(Record.newRecord(name("b.netloom.internal"), Type.SOA, DClass.IN));
        notify.getHeader().setOpcode(org.xbill.DNS.Opcode.NOTIFY);
        assertThat(client(false).send(notify).getRcode()).isEqualTo(Rcode.NOTIMP);

        Message twoQuestions = Message.newQuery(Record.newRecord(name("b.netloom.internal"), Type.A, DClass.IN));
        twoQuestions.addRecord(Record.newRecord(name("c.netloom.internal"), Type.A, DClass.IN), Section.QUESTION);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout((int) CLIENT_WAIT.toMillis());
            assertThat(new Message(exchange(socket, twoQuestions.toWire())).getRcode()).isEqualTo(Rcode.FORMERR);
        }

        Message chaos = Message.newQuery(Record.newRecord(name("version.bind"), Type.TXT, DClass.CH));
        assertThat(client(false).send(chaos).getRcode()).isEqualTo(Rcode.REFUSED);
        Message transfer = Message.newQuery(Record.newRecord(name("netloom.internal"), Type.AXFR, DClass.IN));
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout((int) CLIENT_WAIT.toMillis());
            assertThat(new Message(exchange(socket, transfer.toWire())).getRcode()).isEqualTo(Rcode.REFUSED);
        }
    }

    @Test
    void connectWhenTcpLengthOversizedThenClosedAndOthersStillServed() throws IOException {
        try (Socket socket = new Socket(listeners.address().getAddress(), listeners.address().getPort())) {
            socket.setSoTimeout((int) CLIENT_WAIT.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(DnsWire.MAX_QUERY_BYTES + 1);
            out.write(new byte[64]);
            out.flush();

            assertThat(socket.getInputStream().read()).as("the connection closed").isEqualTo(-1);
        }
        assertThat(addresses(ask("b.netloom.internal", true))).containsExactly("100.64.0.2");
    }

    @Test
    void connectWhenTwoQuestionsOnOneTcpConnectionThenBothAnsweredInOrder() throws IOException {
        try (Socket socket = new Socket(listeners.address().getAddress(), listeners.address().getPort())) {
            socket.setSoTimeout((int) CLIENT_WAIT.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (String name : List.of("b.netloom.internal", "self.netloom.internal")) {
                byte[] query = Message.newQuery(Record.newRecord(name(name), Type.A, DClass.IN)).toWire();
                out.writeShort(query.length);
                out.write(query);
                out.flush();

                Message response = new Message(in.readNBytes(in.readUnsignedShort()));

                assertThat(response.getQuestion().getName()).isEqualTo(name(name));
            }
        } catch (EOFException e) {
            throw new AssertionError("the resolver closed a connection with a question pending", e);
        }
    }

    private void use(NetworkMap map) {
        table.set(DnsTables.of(map, listeners.address(), List.of()));
    }

    private NameserverGroup primaryOnBothUpstreams() {
        return new NameserverGroup("ns-1", "primary", List.of(nameserver(first), nameserver(second)), true, List.of(),
                false);
    }

    private static Nameserver nameserver(ScriptedUpstream upstream) {
        return new Nameserver(upstream.address().getAddress().getHostAddress(), upstream.address().getPort());
    }

    private Message ask(String name, boolean tcp) throws IOException {
        return client(tcp).send(Message.newQuery(Record.newRecord(name(name), Type.A, DClass.IN)));
    }

    private SimpleResolver client(boolean tcp) {
        SimpleResolver resolver = new SimpleResolver(listeners.address());
        resolver.setTimeout(CLIENT_WAIT);
        resolver.setTCP(tcp);
        return resolver;
    }

    private byte[] exchange(DatagramSocket socket, byte[] datagram) throws IOException {
        byte[] answer = exchangeOrNothing(socket, datagram);
        assertThat(answer).as("an answer").isNotNull();
        return answer;
    }

    private byte[] exchangeOrNothing(DatagramSocket socket, byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, listeners.address()));
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    private static List<String> addresses(Message response) {
        return response.getSection(Section.ANSWER).stream().filter(ARecord.class::isInstance)
                .map(record -> ((ARecord) record).getAddress().getHostAddress()).toList();
    }
}
