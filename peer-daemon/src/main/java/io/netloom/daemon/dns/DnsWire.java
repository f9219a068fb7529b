package io.netloom.daemon.dns;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;

/**
 * What arrives on the resolver's sockets, read with dnsjava and judged before anything answers it: a query, a
 * malformed message that gets FORMERR, or something to drop.
 */
final class DnsWire {

    /**
     * The largest query read. A question with EDNS options is a few hundred bytes; anything much larger is an attack
     * or garbage, and is dropped without being parsed.
     */
    static final int MAX_QUERY_BYTES = 4096;
    /** What a client without EDNS can take over UDP (RFC 1035). */
    static final int PLAIN_UDP_BYTES = 512;

    private DnsWire() {
    }

    /** The outcome of reading one message. */
    sealed interface Received {
    }

    record Query(Message message) implements Received {
    }

    /** A response to send straight back (FORMERR to a message that could not be parsed). */
    record Reply(byte[] bytes) implements Received {
    }

    /** Nothing to send: too short or long to be a query, or a response, which must never be answered. */
    record Drop(String reason) implements Received {
    }

    static Received read(byte[] bytes) {
        if (bytes.length < Header.LENGTH) {
            return new Drop("shorter than a DNS header");
        }
        if (bytes.length > MAX_QUERY_BYTES) {
            return new Drop("a query of " + bytes.length + " bytes");
        }
        // QR set: a response. Answering responses lets two resolvers bounce a packet between them forever.
        if ((bytes[2] & 0x80) != 0) {
            return new Drop("a response, not a query");
        }
        try {
            return new Query(new Message(bytes));
        } catch (Exception e) {
            // dnsjava throws WireParseException for what it cannot read; anything else from odd input is treated
            // the same: this resolver never fails on what a client sends.
            return new Reply(formatError(bytes));
        }
    }

    /** FORMERR for a message whose header could be read but nothing after it: its id and opcode, no question. */
    private static byte[] formatError(byte[] query) {
        Header header = new Header(((query[0] & 0xFF) << 8) | (query[1] & 0xFF));
        header.setFlag(Flags.QR);
        header.setOpcode((query[2] >> 3) & 0x0F);
        header.setRcode(Rcode.FORMERR);
        Message response = new Message();
        response.setHeader(header);
        return response.toWire();
    }

    /**
     * The response as it goes back over UDP: no larger than the client said it can take (512 bytes without EDNS),
     * truncated with the TC flag otherwise, so the client asks again over TCP.
     */
    static byte[] udpBytes(Message response, Message query) {
        OPTRecord opt = query.getOPT();
        int limit = opt == null ? PLAIN_UDP_BYTES
                : Math.max(PLAIN_UDP_BYTES, Math.min(opt.getPayloadSize(), DnsResponder.EDNS_PAYLOAD));
        return response.toWire(limit);
    }
}
