package io.netloom.daemon.dns;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/** The resolver's sockets: UDP and TCP on one address and port. */
public final class DnsListeners implements AutoCloseable {

    private final UdpDnsListener udp;
    private final TcpDnsListener tcp;
    private final InetSocketAddress address;

    private DnsListeners(UdpDnsListener udp, TcpDnsListener tcp, InetSocketAddress address) {
        this.udp = udp;
        this.tcp = tcp;
        this.address = address;
    }

    /** Free UDP ports tried for port 0 before giving up: another process may hold the same number for TCP. */
    private static final int FREE_PORT_ATTEMPTS = 10;

    /**
     * Listens on {@code ip}:{@code port}; port 0 takes a free UDP port and the same one for TCP, another one when
     * that number is taken for TCP.
     *
     * @param answerWait how long a TCP client waits for a forwarded answer before SERVFAIL
     */
    public static DnsListeners open(InetAddress ip, int port, DnsResponder responder, DnsCounters counters,
            Duration answerWait) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(ip, port, responder, counters, answerWait);
            } catch (BindException e) {
                if (port != 0 || attempt == FREE_PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static DnsListeners openOnce(InetAddress ip, int port, DnsResponder responder, DnsCounters counters,
            Duration answerWait) throws IOException {
        UdpDnsListener udp = UdpDnsListener.open(new InetSocketAddress(ip, port), responder, counters);
        try {
            InetSocketAddress bound = udp.address();
            TcpDnsListener tcp = TcpDnsListener.open(bound, responder, counters, answerWait);
            return new DnsListeners(udp, tcp, bound);
        } catch (IOException | RuntimeException e) {
            udp.close();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() throws IOException {
        try {
            udp.close();
        } finally {
            tcp.close();
        }
    }
}
