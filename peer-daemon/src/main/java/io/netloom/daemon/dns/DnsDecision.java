package io.netloom.daemon.dns;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/** What the peer's resolver does with one question ({@link DnsAnswers}): answer it itself, or ask upstream. */
public sealed interface DnsDecision {

    /**
     * An answer made here.
     *
     * @param answers the records of the answer section, the CNAMEs followed to get there first
     * @param authority a SOA for negative answers, so that clients cache them only briefly
     */
    record Answer(int rcode, List<Record> answers, List<Record> authority, boolean authoritative)
            implements DnsDecision {

        public Answer {
            answers = List.copyOf(answers);
            authority = List.copyOf(authority);
        }

        /** SERVFAIL: a CNAME loop or chain too long, nobody to forward to, or no answer from upstream. */
        public static Answer failure() {
            return new Answer(Rcode.SERVFAIL, List.of(), List.of(), false);
        }
    }

    /**
     * Ask {@code upstreams} for {@code name} (the question's type and class), then put {@code chain} — the CNAMEs
     * answered here on the way from the question's name to {@code name} — before their answer.
     */
    record Forward(Name name, Upstreams upstreams, List<Record> chain) implements DnsDecision {

        public Forward {
            chain = List.copyOf(chain);
        }
    }
}
