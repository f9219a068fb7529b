package io.netloom.daemon.dns;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one query into its response: checks that it is a plain question, asks {@link DnsAnswers}, and builds the
 * answer or has the {@link Forwarder} ask upstream. No sockets: the listeners hand it parsed messages.
 */
public final class DnsResponder {

    /** The UDP payload this resolver offers EDNS clients (the DNS flag day 2020 value). */
    static final int EDNS_PAYLOAD = 1232;

    private final Supplier<DnsTable> table;
    private final Forwarder forwarder;
    private final DnsCounters counters;

    /** @param table the table in effect, read once per question */
    public DnsResponder(Supplier<DnsTable> table, Forwarder forwarder, DnsCounters counters) {
        this.table = table;
        this.forwarder = forwarder;
        this.counters = counters;
    }

    /** Never completes exceptionally: whatever goes wrong becomes an error code in the response. */
    public CompletableFuture<Message> respond(Message query, boolean tcp) {
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            counters.refused();
            return CompletableFuture.completedFuture(reply(query, Rcode.NOTIMP));
        }
        // The section, not the header's count: dnsjava keeps a count it could not read the records of when TC is set.
        if (query.getSection(Section.QUESTION).size() != 1) {
            counters.refused();
            return CompletableFuture.completedFuture(reply(query, Rcode.FORMERR));
        }
        Record question = query.getQuestion();
        int type = question.getType();
        // Zone transfers and other classes are not what a stub resolver asks; they are nobody's business here.
        if (question.getDClass() != DClass.IN || type == Type.AXFR || type == Type.IXFR) {
            counters.refused();
            return CompletableFuture.completedFuture(reply(query, Rcode.REFUSED));
        }
        DnsDecision decision = DnsAnswers.decide(table.get(), question.getName(), type);
        if (decision instanceof DnsDecision.Answer answer) {
            if (answer.rcode() == Rcode.SERVFAIL) {
                counters.failed();
            } else {
                counters.answered();
            }
            return CompletableFuture.completedFuture(answered(query, answer));
        }
        return forwarded(query, (DnsDecision.Forward) decision, tcp);
    }

    private static Message answered(Message query, DnsDecision.Answer answer) {
        Message response = reply(query, answer.rcode());
        if (answer.authoritative()) {
            response.getHeader().setFlag(Flags.AA);
        }
        answer.answers().forEach(record -> response.addRecord(record, Section.ANSWER));
        answer.authority().forEach(record -> response.addRecord(record, Section.AUTHORITY));
        return response;
    }

    private CompletableFuture<Message> forwarded(Message query, DnsDecision.Forward forward, boolean tcp) {
        Message upstreamQuery = forward.chain().isEmpty() ? query : questionFor(query, forward);
        CompletableFuture<Message> upstream;
        try {
            upstream = forwarder.forward(upstreamQuery, forward.upstreams(), tcp);
        } catch (RuntimeException e) {
            upstream = CompletableFuture.failedFuture(e);
        }
        return upstream.handle((answer, error) -> {
            if (error != null) {
                counters.failed();
                return reply(query, Rcode.SERVFAIL);
            }
            counters.forwarded();
            return relayed(query, forward, answer);
        });
    }

    /** The question for the end of a CNAME chain answered here, with the client's EDNS and flags. */
    private static Message questionFor(Message query, DnsDecision.Forward forward) {
        Message asked = Message.newQuery(Record.newRecord(forward.name(), query.getQuestion().getType(), DClass.IN));
        for (int flag : new int[] {Flags.RD, Flags.CD}) {
            if (query.getHeader().getFlag(flag)) {
                asked.getHeader().setFlag(flag);
            } else {
                asked.getHeader().unsetFlag(flag);
            }
        }
        if (query.getOPT() != null) {
            asked.addRecord(query.getOPT(), Section.ADDITIONAL);
        }
        return asked;
    }

    /** The upstream's answer as the client's: its id and question, the CNAMEs followed here first. */
    private static Message relayed(Message query, DnsDecision.Forward forward, Message answer) {
        Message response;
        if (forward.chain().isEmpty()) {
            response = answer.clone();
            response.getHeader().setID(query.getHeader().getID());
        } else {
            response = reply(query, answer.getRcode());
            forward.chain().forEach(record -> response.addRecord(record, Section.ANSWER));
            answer.getSection(Section.ANSWER).forEach(record -> response.addRecord(record, Section.ANSWER));
            answer.getSection(Section.AUTHORITY).forEach(record -> response.addRecord(record, Section.AUTHORITY));
        }
        response.getHeader().setFlag(Flags.RA);
        OPTRecord opt = response.getOPT();
        // An OPT the forwarder added upstream must not reach a client that sent none (RFC 6891, 7).
        if (opt != null && query.getOPT() == null) {
            response.removeRecord(opt, Section.ADDITIONAL);
        }
        return response;
    }

    /** An empty response to {@code query} with {@code rcode}: its id, question and recursion flags. */
    static Message reply(Message query, int rcode) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setOpcode(query.getHeader().getOpcode());
        response.getHeader().setRcode(rcode);
        if (query.getSection(Section.QUESTION).size() == 1) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        return response;
    }
}
