package io.netloom.gateway.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS engine of both ends of a gateway connection: Bouncy Castle's TLS 1.3 instead of the JDK's,
 * because the sign-in proof is bound to the connection's RFC 9266 {@code tls-exporter} (ADR 0014) and
 * neither Java 17's JSSE nor Bouncy Castle's JSSE engine hands it out after the handshake. TLS 1.3
 * only: RFC 9266 defines the binding for it, and both ends are ours. Certificates, trust and host
 * verification stay whatever the Vert.x options configure.
 * Use: {@code options.setSslEngineOptions(new BouncyCastleTlsEngine())}.
 */
public final class BouncyCastleTlsEngine extends SSLEngineOptions {

    public static final String PROTOCOL = "TLSv1.3";

    public BouncyCastleTlsEngine() {
    }

    private BouncyCastleTlsEngine(BouncyCastleTlsEngine other) {
        super(other);
    }

    @Override
    public SSLEngineOptions copy() {
        return new BouncyCastleTlsEngine(this);
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return new Factory();
    }

    /** Vert.x hands over what its options say; anything the gateway's TLS cannot honour is refused, not ignored. */
    private static final class Factory implements SslContextFactory {

        private boolean forServer;
        private ClientAuth clientAuth;
        private SNIServerName serverName;
        private String endpointIdentificationAlgorithm;
        private boolean alpn;
        private KeyManagerFactory keyManagers;
        private TrustManagerFactory trustManagers;
        private Set<String> cipherSuites = Set.of();
        private Set<String> protocols = Set.of(PROTOCOL);

        @Override
        public SslContextFactory useAlpn(boolean useAlpn) {
            this.alpn = useAlpn;
            return this;
        }

        @Override
        public SslContextFactory forServer(ClientAuth clientAuth) {
            this.forServer = true;
            this.clientAuth = clientAuth;
            return this;
        }

        @Override
        public SslContextFactory forClient(SNIServerName serverName, String endpointIdentificationAlgorithm) {
            this.forServer = false;
            this.serverName = serverName;
            this.endpointIdentificationAlgorithm = endpointIdentificationAlgorithm;
            return this;
        }

        @Override
        public SslContextFactory enabledProtocols(Set<String> protocols) {
            this.protocols = protocols == null ? Set.of() : Set.copyOf(protocols);
            return this;
        }

        @Override
        public SslContextFactory keyMananagerFactory(KeyManagerFactory factory) {
            this.keyManagers = factory;
            return this;
        }

        @Override
        public SslContextFactory trustManagerFactory(TrustManagerFactory factory) {
            this.trustManagers = factory;
            return this;
        }

        @Override
        public SslContextFactory enabledCipherSuites(Set<String> suites) {
            this.cipherSuites = suites == null ? Set.of() : Set.copyOf(suites);
            return this;
        }

        @Override
        public SslContextFactory applicationProtocols(List<String> protocols) {
            return this;
        }

        @Override
        public SslContext create() throws SSLException {
            if (alpn) {
                throw new SSLException("the gateway's TLS does not negotiate ALPN: it speaks HTTP/1.1 only");
            }
            if (!protocols.contains(PROTOCOL)) {
                throw new SSLException("the gateway speaks " + PROTOCOL + " only, which the options disable");
            }
            if (!cipherSuites.isEmpty()) {
                throw new SSLException("the gateway's TLS 1.3 cipher suites are fixed: " + ChannelBindingSslContext.CIPHER_SUITES);
            }
            if (forServer) {
                if (clientAuth != null && clientAuth != ClientAuth.NONE) {
                    throw new SSLException("peers sign in inside the WebSocket, not with client certificates");
                }
                return ChannelBindingSslContext.forServer(keyManagers);
            }
            return ChannelBindingSslContext.forClient(trustManagers, endpointIdentificationAlgorithm, serverName);
        }
    }
}
