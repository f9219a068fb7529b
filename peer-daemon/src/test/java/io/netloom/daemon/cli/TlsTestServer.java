package io.netloom.daemon.cli;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netloom.daemon.testing.LoopbackCertificate;
import io.netloom.tls.CertificateFingerprint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TLS endpoint on 127.0.0.1 with a self-signed certificate, standing where the management server
 * stands: it counts the requests that get through the handshake and answers each with {@code answer}.
 */
final class TlsTestServer implements AutoCloseable {

    final CertificateFingerprint fingerprint;
    final AtomicInteger requests = new AtomicInteger();
    private final HttpsServer server;

    TlsTestServer(int status, String answer) throws IOException {
        LoopbackCertificate certificate = LoopbackCertificate.generate();
        fingerprint = certificate.fingerprint();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
