package io.netloom.gateway.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Netty's view of the gateway's TLS: hands out {@link ChannelBindingSslEngine}s that share the key or
 * trust managers Vert.x configured and one Bouncy Castle crypto. That is Bouncy Castle's lightweight
 * crypto, not a JCA provider: the JDK's providers lack the names Bouncy Castle's TLS asks for RSA-PSS
 * by, and Bouncy Castle's own provider costs seconds to start.
 */
final class ChannelBindingSslContext extends SslContext {

    static final List<String> CIPHER_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    private final boolean client;
    private final BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
    private final X509KeyManager keyManager;
    private final X509TrustManager trustManager;
    private final String endpointIdentificationAlgorithm;
    private final List<SNIServerName> serverNames;

    private ChannelBindingSslContext(boolean client, X509KeyManager keyManager, X509TrustManager trustManager,
            String endpointIdentificationAlgorithm, List<SNIServerName> serverNames) {
        this.client = client;
        this.keyManager = keyManager;
        this.trustManager = trustManager;
        this.endpointIdentificationAlgorithm = endpointIdentificationAlgorithm;
        this.serverNames = serverNames;
    }

    static ChannelBindingSslContext forServer(KeyManagerFactory keys) throws SSLException {
        if (keys == null) {
            throw new SSLException("a TLS server needs a certificate and its key");
        }
        for (KeyManager manager : keys.getKeyManagers()) {
            if (manager instanceof X509KeyManager x509) {
                return new ChannelBindingSslContext(false, x509, null, null, List.of());
            }
        }
        throw new SSLException("the key manager holds no X.509 certificate");
    }

    /** A client trusting {@code trust}, or the runtime's certificate authorities when it is null. */
    static ChannelBindingSslContext forClient(TrustManagerFactory trust, String endpointIdentificationAlgorithm,
            SNIServerName serverName) throws SSLException {
        TrustManagerFactory factory = trust == null ? defaultTrust() : trust;
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return new ChannelBindingSslContext(true, null, x509, endpointIdentificationAlgorithm,
                        serverName == null ? List.of() : List.of(serverName));
            }
        }
        throw new SSLException("the trust manager cannot judge X.509 certificates");
    }

    private static TrustManagerFactory defaultTrust() throws SSLException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return factory;
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            throw new SSLException("the runtime's certificate authorities cannot be loaded", e);
        }
    }

    BcTlsCrypto crypto() {
        return crypto;
    }

    X509KeyManager keyManager() {
        return keyManager;
    }

    X509TrustManager trustManager() {
        return trustManager;
    }

    @Override
    public boolean isClient() {
        return client;
    }

    @Override
    public List<String> cipherSuites() {
        return CIPHER_SUITES;
    }

    @Override
    @SuppressWarnings("deprecation")
    public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
        return List::of;
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator allocator) {
        return newEngine(allocator, null, -1);
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator allocator, String peerHost, int peerPort) {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm(endpointIdentificationAlgorithm);
        if (!serverNames.isEmpty()) {
            parameters.setServerNames(serverNames);
        }
        return new ChannelBindingSslEngine(this, client, peerHost, peerPort, parameters);
    }

    /** Sessions are never resumed: each connection proves itself with a full handshake. */
    @Override
    public SSLSessionContext sessionContext() {
        return null;
    }
}
