package io.netloom.gateway.tls;

import java.security.cert.X509Certificate;

/** What a TLS peer reports to its engine at the one moment Bouncy Castle lets the exporter be read. */
interface HandshakeListener {

    /**
     * @param exporter the connection's RFC 9266 tls-exporter value
     * @param serverChain the server's certificate chain, leaf first
     * @param cipherSuite the negotiated cipher suite's code
     */
    void handshakeCompleted(byte[] exporter, X509Certificate[] serverChain, int cipherSuite);
}
