package io.netloom.gateway.tls;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Vector;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ChannelBinding;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of a gateway connection on Bouncy Castle's TLS protocol: TLS 1.3 only, the server's
 * chain judged by the configured trust manager (host name included, through the engine's
 * parameters), and the tls-exporter read when the handshake completes.
 */
final class BindingTlsClient extends DefaultTlsClient {

    private static final Logger log = LoggerFactory.getLogger(BindingTlsClient.class);

    /** The authType the JDK's trust managers expect for TLS 1.3, where the key exchange no longer names one. */
    private static final String TLS13_AUTH_TYPE = "UNKNOWN";

    private final X509TrustManager trust;
    private final SSLEngine engine;
    private final List<SNIServerName> serverNames;
    private final HandshakeListener listener;
    private X509Certificate[] serverChain;
    private volatile boolean complete;

    BindingTlsClient(BcTlsCrypto crypto, X509TrustManager trust, SSLEngine engine, List<SNIServerName> serverNames,
            HandshakeListener listener) {
        super(crypto);
        this.trust = trust;
        this.engine = engine;
        this.serverNames = serverNames;
        this.listener = listener;
    }

    boolean isHandshakeComplete() {
        return complete;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.TLSv13.only();
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
        Vector<ServerName> names = new Vector<>();
        for (SNIServerName name : serverNames) {
            if (name instanceof SNIHostName host) {
                names.add(new ServerName(NameType.host_name, host.getAsciiName().getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return names.isEmpty() ? null : names;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                serverChain = checkTrusted(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                return null;
            }
        };
    }

    /** Bouncy Castle's reason for a failed handshake, which the SSLException Netty reports only wraps. */
    @Override
    public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
        if (level == AlertLevel.fatal) {
            log.debug("TLS handshake with {} failed: {} ({})", engine.getPeerHost(), AlertDescription.getText(description),
                    message, cause);
        }
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        listener.handshakeCompleted(context.exportChannelBinding(ChannelBinding.tls_exporter), serverChain,
                context.getSecurityParametersConnection().getCipherSuite());
        complete = true;
    }

    private X509Certificate[] checkTrusted(Certificate certificate) throws IOException {
        if (certificate == null || certificate.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "the server presented no certificate");
        }
        X509Certificate[] chain = new X509Certificate[certificate.getLength()];
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < chain.length; i++) {
                chain[i] = (X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(certificate.getCertificateAt(i).getEncoded()));
            }
            if (trust instanceof X509ExtendedTrustManager extended) {
                // With the engine, the trust manager also checks the host name the engine's parameters ask for.
                extended.checkServerTrusted(chain, TLS13_AUTH_TYPE, engine);
            } else if (isHostNameRequired()) {
                throw new CertificateException("the trust manager cannot check host names; refusing the server");
            } else {
                trust.checkServerTrusted(chain, TLS13_AUTH_TYPE);
            }
        } catch (CertificateException e) {
            throw new TlsFatalAlert(AlertDescription.certificate_unknown, e);
        }
        return chain;
    }

    private boolean isHostNameRequired() {
        String algorithm = engine.getSSLParameters().getEndpointIdentificationAlgorithm();
        return algorithm != null && !algorithm.isEmpty();
    }
}
