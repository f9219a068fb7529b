package io.netloom.ops.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Relays TCP connections from the lab's side of the root link (203.0.113.254) to a service of the test on
 * loopback: the lab's server and the test's browser reach the test's Keycloak at one address, which is then its
 * issuer for both, while Keycloak itself stays on 127.0.0.1 (ADR 0023). Keycloak sees every connection come from
 * loopback, so it asks for HTTPS nowhere (it requires HTTPS from addresses that are not local or private, and
 * the lab's are neither).
 */
final class LabTcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final CompletableFuture<InetSocketAddress> target;

    private LabTcpRelay(ServerSocket listener, CompletableFuture<InetSocketAddress> target) {
        this.listener = listener;
        this.target = target;
    }

    /**
     * Listens on a free port of {@code address} at once and relays each connection to {@code target}, which may
     * still be starting: its address is awaited at the first connection (Keycloak starts while the lab's server
     * does, which needs the relay's port for its settings).
     */
    static LabTcpRelay start(InetAddress address, CompletableFuture<InetSocketAddress> target) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, address);
        LabTcpRelay relay = new LabTcpRelay(listener, target);
        Thread acceptor = new Thread(relay::accept, "lab-relay-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return relay;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket service = new Socket();
                try {
                    service.connect(target.join(), 5_000);
                } catch (IOException | CompletionException refused) {
                    client.close();
                    service.close();
                    continue;
                }
                AtomicInteger open = new AtomicInteger(2);
                copy(client, service, open);
                copy(service, client, open);
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    throw new UncheckedIOException("the relay to " + target + " stopped accepting", e);
                }
            }
        }
    }

    /**
     * Copies one direction; at its end, ends the other side's output so that its peer sees the end too. The two
     * sockets close when both directions ended, or at once when one failed.
     */
    private static void copy(Socket from, Socket to, AtomicInteger open) {
        Thread copier = new Thread(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
                if (open.decrementAndGet() == 0) {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            } catch (IOException broken) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "lab-relay-copy");
        copier.setDaemon(true);
        copier.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyClosed) {
            // the connection is gone either way
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
