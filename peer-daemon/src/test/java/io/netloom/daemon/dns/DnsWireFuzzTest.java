package io.netloom.daemon.dns;

import static io.netloom.daemon.dns.TestDns.map;
import static io.netloom.daemon.dns.TestDns.peer;
import static io.netloom.daemon.dns.TestDns.primary;
import static io.netloom.daemon.dns.TestDns.record;
import static io.netloom.daemon.dns.TestDns.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.testsupport.fuzz.FuzzCampaign;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Fuzzes what the resolver reads from its sockets: random bytes and valid questions with bytes changed. Whatever
 * arrives is dropped, answered FORMERR, or answered — never an exception, never an answer that is not a DNS
 * message or that a UDP client could not take.
 */
@AddLifecycleHook(value = FuzzCampaign.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class DnsWireFuzzTest {

    private static final DnsTable TABLE = DnsTables.of(map(List.of(peer("b", 2)),
            List.of(primary("ns-1", "198.18.0.53")), List.of(zone("lab.example")),
            List.of(record("lab.example", "www.lab.example", "CNAME", "b.netloom.internal"),
                    record("lab.example", "*.lab.example", "A", "198.18.3.1"))), TestDns.SELF, List.of());
    /** Upstreams that never answer: forwarded questions must still get a response. */
    private static final DnsResponder RESPONDER = new DnsResponder(() -> TABLE,
            (query, upstreams, tcp) -> CompletableFuture.failedFuture(new IOException("no upstream in this test")),
            new DnsCounters());

    @Property
    void readWhenAnyBytesArriveThenDroppedFormerrOrAResponseThatFits(@ForAll("datagrams") byte[] datagram)
            throws IOException {
        DnsWire.Received received = DnsWire.read(datagram);

        if (received instanceof DnsWire.Reply reply) {
            Message formerr = new Message(reply.bytes());
            assertThat(formerr.getHeader().getID()).isEqualTo(((datagram[0] & 0xFF) << 8) | (datagram[1] & 0xFF));
        } else if (received instanceof DnsWire.Query query) {
            Message response = RESPONDER.respond(query.message(), false).join();
            byte[] bytes = DnsWire.udpBytes(response, query.message());
            assertThat(bytes.length).isBetween(12, DnsResponder.EDNS_PAYLOAD);
            assertThat(new Message(bytes).getHeader().getID()).isEqualTo(query.message().getHeader().getID());
        }
    }

    @Provide
    Arbitrary<byte[]> datagrams() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> mutated = Combinators.combine(questions(), Arbitraries.integers().between(0, 200).list()
                .ofMaxSize(6), Arbitraries.bytes().list().ofMaxSize(6), Arbitraries.integers().between(-20, 20))
                .as((question, positions, values, resize) -> {
                    byte[] bytes = java.util.Arrays.copyOf(question, Math.max(12, question.length + resize));
                    for (int i = 0; i < Math.min(positions.size(), values.size()); i++) {
                        bytes[positions.get(i) % bytes.length] = values.get(i);
                    }
                    return bytes;
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(4, mutated));
    }

    private Arbitrary<byte[]> questions() {
        Arbitrary<String> names = Arbitraries.of("b.netloom.internal", "x.netloom.internal", "www.lab.example",
                "a.b.lab.example", "www.example.org", "netloom.internal", ".");
        Arbitrary<Integer> types = Arbitraries.of(Type.A, Type.AAAA, Type.CNAME, Type.ANY, Type.SOA, Type.AXFR,
                Type.TXT);
        return Combinators.combine(names, types, Arbitraries.of(true, false)).as((name, type, edns) -> {
            Message query = Message.newQuery(Record.newRecord(TestDns.name(name.equals(".") ? "." : name), type,
                    DClass.IN));
            if (edns) {
                query.addRecord(new org.xbill.DNS.OPTRecord(4096, 0, 0), org.xbill.DNS.Section.ADDITIONAL);
            }
            return query.toWire();
        });
    }
}
