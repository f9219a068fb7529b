package io.netloom.daemon.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resolver on TCP (RFC 7766), where clients ask again after a truncated answer: each message behind its two-byte
 * length, one thread per connection, a few connections at once, each closed after a quiet while.
 */
final class TcpDnsListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpDnsListener.class);
    /** Connections served at once; more are closed on arrival. A host's own stub opens one at a time. */
    static final int MAX_CONNECTIONS = 16;
    static final Duration IDLE = Duration.ofSeconds(10);

    private final ServerSocket server;
    private final DnsResponder responder;
    private final DnsCounters counters;
    /** How long to wait for a forwarded answer: the forwarder's own budget comes first. */
    private final Duration answerWait;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dns-tcp");
        thread.setDaemon(true);
        return thread;
    });
    private final Thread acceptor;

    private TcpDnsListener(ServerSocket server, DnsResponder responder, DnsCounters counters, Duration answerWait) {
        this.server = server;
        this.responder = responder;
        this.counters = counters;
        this.answerWait = answerWait;
        this.acceptor = new Thread(this::accept, "dns-tcp-accept");
        acceptor.setDaemon(true);
    }

    static TcpDnsListener open(InetSocketAddress address, DnsResponder responder, DnsCounters counters,
            Duration answerWait) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address, MAX_CONNECTIONS);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        TcpDnsListener listener = new TcpDnsListener(server, responder, counters, answerWait);
        listener.acceptor.start();
        return listener;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.debug("DNS over TCP: {}", e.toString());
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                counters.refused();
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            connections.execute(() -> {
                try {
                    serve(socket);
                } finally {
                    open.remove(socket);
                    closeQuietly(socket);
                    slots.release();
                }
            });
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout((int) IDLE.toMillis());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true) {
                int length = in.readUnsignedShort();
                if (length > DnsWire.MAX_QUERY_BYTES) {
                    counters.refused();
                    return;
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length) {
                    return;
                }
                byte[] answer = answer(bytes);
                if (answer == null) {
                    return;
                }
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (EOFException | SocketTimeoutException e) {
            // the client is done, or quiet for too long
        } catch (IOException e) {
            if (!(e instanceof SocketException && server.isClosed())) {
                log.debug("DNS over TCP from {}: {}", socket.getRemoteSocketAddress(), e.toString());
            }
        }
    }

    /** The response's bytes, or {@code null} to close the connection. */
    private byte[] answer(byte[] bytes) {
        DnsWire.Received received = DnsWire.read(bytes);
        if (received instanceof DnsWire.Drop) {
            counters.refused();
            return null;
        }
        if (received instanceof DnsWire.Reply reply) {
            counters.refused();
            return reply.bytes();
        }
        Message query = ((DnsWire.Query) received).message();
        try {
            return responder.respond(query, true).get(answerWait.toMillis(), TimeUnit.MILLISECONDS).toWire();
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            counters.failed();
            return DnsResponder.reply(query, Rcode.SERVFAIL).toWire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(TcpDnsListener::closeQuietly);
        connections.shutdownNow();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing a DNS connection: {}", e.toString());
        }
    }
}
