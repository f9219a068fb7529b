package io.netloom.server.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Looks at what a port serves: the certificate in its TLS handshake, or its answer to plain HTTP. */
final class TlsProbe {

    private static final int TIMEOUT_MILLIS = 10_000;

    private TlsProbe() {
    }

    /**
     * The certificate a new TLS connection to 127.0.0.1:{@code port} is shown. The probe only observes: it
     * records the server's certificate and ends the connection, trusting nothing it sends.
     */
    static X509Certificate served(int port) {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        X509TrustManager observer = new X509TrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen.set(chain[0]);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("a probe is no server");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {observer}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("no TLS handshake with port " + port, e);
        }
        return seen.get();
    }

    /** Sends {@code request} as plain text and returns everything the server sends back before it closes. */
    static String plainHttp(int port, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return readUntilClosed(socket.getInputStream());
        } catch (IOException e) {
            return "";
        }
    }

    private static String readUntilClosed(InputStream input) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
                answer.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException | SocketException endedWithoutClose) {
            // what arrived is the answer; a server may reset rather than close
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }
}
