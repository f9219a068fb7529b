package io.netloom.daemon.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Opens the connection a {@link RelayServer} names, verifying a TLS relay's certificate. */
final class TurnConnections {

    private TurnConnections() {
    }

    /**
     * @param local the address to send from ({@code null}: the one the routing table picks); the port is ephemeral
     */
    static TurnConnection open(RelayServer server, RelayTrust trust, Duration timeout, InetAddress local)
            throws TurnException {
        InetSocketAddress address = resolve(server);
        InetSocketAddress from = new InetSocketAddress(local, 0);
        try {
            return switch (server.transport()) {
                case UDP -> UdpTurnConnection.open(from, address);
                case TCP -> new StreamTurnConnection(connect(new Socket(), from, address, timeout), writerName(server));
                case TLS -> new StreamTurnConnection(handshake(server, trust, from, address, timeout),
                        writerName(server));
            };
        } catch (TurnException e) {
            throw e;
        } catch (IOException e) {
            throw new TurnException(TurnError.UNREACHABLE, "cannot connect to relay " + server.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Named as the allocation's own threads, so that a check for threads left behind sees it too. */
    private static String writerName(RelayServer server) {
        return "netloom-turn-" + server.describe() + "-writer";
    }

    private static InetSocketAddress resolve(RelayServer server) throws TurnException {
        try {
            return new InetSocketAddress(InetAddress.getByName(server.host()), server.port());
        } catch (UnknownHostException e) {
            throw new TurnException(TurnError.UNREACHABLE, "cannot resolve relay " + server.describe(), e);
        }
    }

    private static Socket connect(Socket socket, InetSocketAddress from, InetSocketAddress address, Duration timeout)
            throws IOException {
        try {
            socket.bind(from);
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) timeout.toMillis());
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket handshake(RelayServer server, RelayTrust trust, InetSocketAddress from,
            InetSocketAddress address, Duration timeout) throws IOException {
        Socket plain = connect(new Socket(), from, address, timeout);
        SSLSocket tls = (SSLSocket) trust.context().getSocketFactory().createSocket(plain, server.host(),
                server.port(), true);
        try {
            SSLParameters parameters = tls.getSSLParameters();
            // The certificate must name the relay (DNS name or IP address SAN), as for HTTPS.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.setSoTimeout((int) timeout.toMillis());
            tls.startHandshake();
            tls.setSoTimeout(0);
            return tls;
        } catch (SSLHandshakeException e) {
            tls.close();
            if (causedByCertificate(e)) {
                throw new TurnException(TurnError.CERTIFICATE, "relay " + server.describe()
                        + " presented a certificate that is not trusted for " + server.host() + ": " + rootCause(e), e);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            tls.close();
            throw e;
        }
    }

    private static boolean causedByCertificate(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
