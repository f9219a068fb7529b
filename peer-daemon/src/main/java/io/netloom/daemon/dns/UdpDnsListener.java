package io.netloom.daemon.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resolver on UDP: one thread reads queries; answers made here go back from it at once, forwarded ones from
 * the thread their upstream answer completes on.
 */
final class UdpDnsListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpDnsListener.class);

    private final DatagramChannel channel;
    private final DnsResponder responder;
    private final DnsCounters counters;
    private final Thread reader;

    private UdpDnsListener(DatagramChannel channel, DnsResponder responder, DnsCounters counters) {
        this.channel = channel;
        this.responder = responder;
        this.counters = counters;
        this.reader = new Thread(this::read, "dns-udp");
        reader.setDaemon(true);
    }

    static UdpDnsListener open(InetSocketAddress address, DnsResponder responder, DnsCounters counters)
            throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(address);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        UdpDnsListener listener = new UdpDnsListener(channel, responder, counters);
        listener.reader.start();
        return listener;
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    private void read() {
        // Larger than any datagram, so that an oversized one is seen whole and dropped, not cut and parsed.
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (channel.isOpen()) {
            SocketAddress client;
            try {
                buffer.clear();
                client = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.debug("DNS over UDP: {}", e.toString());
                continue;
            }
            try {
                handle(Arrays.copyOf(buffer.array(), buffer.position()), client);
            } catch (RuntimeException e) {
                // One question the resolver cannot answer must not end the thread that reads all the others.
                counters.refused();
                log.warn("DNS question from {} not answered: {}", client, e.toString());
            }
        }
    }

    private void handle(byte[] bytes, SocketAddress client) {
        DnsWire.Received received = DnsWire.read(bytes);
        if (received instanceof DnsWire.Drop drop) {
            counters.refused();
            log.debug("dropped a datagram from {}: {}", client, drop.reason());
        } else if (received instanceof DnsWire.Reply reply) {
            counters.refused();
            send(reply.bytes(), client);
        } else {
            var query = ((DnsWire.Query) received).message();
            responder.respond(query, false).thenAccept(response -> send(DnsWire.udpBytes(response, query), client))
                    .exceptionally(error -> {
                        log.warn("DNS answer to {} not sent: {}", client, error.toString());
                        return null;
                    });
        }
    }

    private void send(byte[] bytes, SocketAddress client) {
        try {
            channel.send(ByteBuffer.wrap(bytes), client);
        } catch (IOException e) {
            log.debug("DNS answer to {} not sent: {}", client, e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
