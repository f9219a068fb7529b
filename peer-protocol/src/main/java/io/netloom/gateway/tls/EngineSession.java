package io.netloom.gateway.tls;

import java.security.Principal;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSessionContext;
import org.bouncycastle.tls.CipherSuite;

/**
 * The session of one engine: during the handshake what trust managers ask of it (peer host, requested
 * names, TLS 1.3, the signature algorithms this end accepts), afterwards the negotiated suite and
 * certificates. Sessions are never resumed, so each belongs to exactly one connection.
 */
final class EngineSession extends ExtendedSSLSession {

    /** The largest TLS record (RFC 8446 §5.2) and the largest plaintext one carries. */
    static final int PACKET_BUFFER_SIZE = 5 + 16384 + 256;
    static final int APPLICATION_BUFFER_SIZE = 16384;
    private static final String[] SIGNATURE_ALGORITHMS = {"SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA",
        "Ed25519", "Ed448", "RSASSA-PSS", "SHA256withRSA", "SHA384withRSA", "SHA512withRSA"};
    private static final SecureRandom IDS = new SecureRandom();

    private final byte[] id = new byte[32];
    private final long creationTime = System.currentTimeMillis();
    private final String peerHost;
    private final int peerPort;
    private final boolean client;
    private final List<SNIServerName> requestedServerNames;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private volatile X509Certificate[] serverChain;
    private volatile String cipherSuite = "SSL_NULL_WITH_NULL_NULL";
    private volatile String protocol = "NONE";
    private volatile boolean valid = true;

    EngineSession(String peerHost, int peerPort, boolean client, List<SNIServerName> requestedServerNames) {
        IDS.nextBytes(id);
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.client = client;
        this.requestedServerNames = List.copyOf(requestedServerNames);
    }

    /** The handshake has begun: trust managers judge certificates for TLS 1.3. */
    void handshaking() {
        protocol = "TLSv1.3";
    }

    void established(X509Certificate[] serverChain, int cipherSuite) {
        this.serverChain = serverChain == null ? null : serverChain.clone();
        this.cipherSuite = nameOf(cipherSuite);
    }

    @Override
    public byte[] getId() {
        return id.clone();
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return null;
    }

    @Override
    public long getCreationTime() {
        return creationTime;
    }

    @Override
    public long getLastAccessedTime() {
        return creationTime;
    }

    @Override
    public void invalidate() {
        valid = false;
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public void putValue(String name, Object value) {
        Object previous = values.put(name, value);
        if (previous instanceof SSLSessionBindingListener listener) {
            listener.valueUnbound(new SSLSessionBindingEvent(this, name));
        }
        if (value instanceof SSLSessionBindingListener listener) {
            listener.valueBound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public Object getValue(String name) {
        return values.get(name);
    }

    @Override
    public void removeValue(String name) {
        Object previous = values.remove(name);
        if (previous instanceof SSLSessionBindingListener listener) {
            listener.valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public String[] getValueNames() {
        return values.keySet().toArray(new String[0]);
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        X509Certificate[] chain = serverChain;
        if (!client || chain == null) {
            throw new SSLPeerUnverifiedException("the peer presented no certificate");
        }
        return chain.clone();
    }

    @Override
    public Certificate[] getLocalCertificates() {
        X509Certificate[] chain = serverChain;
        return client || chain == null ? null : chain.clone();
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        return ((X509Certificate) getPeerCertificates()[0]).getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        Certificate[] local = getLocalCertificates();
        return local == null ? null : ((X509Certificate) local[0]).getSubjectX500Principal();
    }

    @Override
    public String getCipherSuite() {
        return cipherSuite;
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String getPeerHost() {
        return peerHost;
    }

    @Override
    public int getPeerPort() {
        return peerPort;
    }

    @Override
    public int getPacketBufferSize() {
        return PACKET_BUFFER_SIZE;
    }

    @Override
    public int getApplicationBufferSize() {
        return APPLICATION_BUFFER_SIZE;
    }

    @Override
    public String[] getLocalSupportedSignatureAlgorithms() {
        return SIGNATURE_ALGORITHMS.clone();
    }

    @Override
    public String[] getPeerSupportedSignatureAlgorithms() {
        return SIGNATURE_ALGORITHMS.clone();
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
        return requestedServerNames;
    }

    @Override
    public List<byte[]> getStatusResponses() {
        return List.of();
    }

    private static String nameOf(int cipherSuite) {
        return switch (cipherSuite) {
            case CipherSuite.TLS_AES_128_GCM_SHA256 -> "TLS_AES_128_GCM_SHA256";
            case CipherSuite.TLS_AES_256_GCM_SHA384 -> "TLS_AES_256_GCM_SHA384";
            case CipherSuite.TLS_CHACHA20_POLY1305_SHA256 -> "TLS_CHACHA20_POLY1305_SHA256";
            default -> String.format("TLS_UNKNOWN_0x%04X", cipherSuite);
        };
    }
}
