package io.netloom.gateway.tls;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.util.List;
import java.util.Vector;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.ChannelBinding;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of a gateway connection on Bouncy Castle's TLS protocol: TLS 1.3 only, the
 * certificate and key the configured key manager holds (EC, RSA or Ed25519), signed with the first
 * scheme the client offers that fits the key, and the tls-exporter read when the handshake completes.
 */
final class BindingTlsServer extends DefaultTlsServer {

    private static final Logger log = LoggerFactory.getLogger(BindingTlsServer.class);

    /** Key algorithms as key managers name them (Ed25519 keys are "EdDSA" to the JDK). */
    private static final List<String> KEY_TYPES = List.of("EC", "EdDSA", "Ed25519", "Ed448", "RSA");

    private final BcTlsCrypto bcCrypto;
    private final X509KeyManager keys;
    private final SSLEngine engine;
    private final HandshakeListener listener;
    private X509Certificate[] chain;
    private volatile boolean complete;

    BindingTlsServer(BcTlsCrypto crypto, X509KeyManager keys, SSLEngine engine, HandshakeListener listener) {
        super(crypto);
        this.bcCrypto = crypto;
        this.keys = keys;
        this.engine = engine;
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
    public TlsCredentials getCredentials() throws IOException {
        @SuppressWarnings("unchecked")
        Vector<SignatureAndHashAlgorithm> offered = context.getSecurityParametersHandshake().getClientSigAlgs();
        for (String keyType : KEY_TYPES) {
            String alias = keys instanceof X509ExtendedKeyManager extended
                    ? extended.chooseEngineServerAlias(keyType, null, engine) : keys.chooseServerAlias(keyType, null, null);
            if (alias == null) {
                continue;
            }
            X509Certificate[] candidate = keys.getCertificateChain(alias);
            PrivateKey key = keys.getPrivateKey(alias);
            if (candidate == null || candidate.length == 0 || key == null) {
                continue;
            }
            for (int scheme : schemesFor(candidate[0])) {
                SignatureAndHashAlgorithm algorithm = SignatureScheme.getSignatureAndHashAlgorithm(scheme);
                if (offered != null && offered.contains(algorithm)) {
                    chain = candidate;
                    return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), bcCrypto,
                            PrivateKeyFactory.createKey(key.getEncoded()), certificateOf(candidate), algorithm);
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure,
                "no certificate of the server signs with a scheme the client offers");
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
        listener.handshakeCompleted(context.exportChannelBinding(ChannelBinding.tls_exporter), chain,
                context.getSecurityParametersConnection().getCipherSuite());
        complete = true;
    }

    private static int[] schemesFor(X509Certificate certificate) {
        String algorithm = certificate.getPublicKey().getAlgorithm();
        return switch (algorithm) {
            case "EC" -> switch (((ECKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize()) {
                case 256 -> new int[] {SignatureScheme.ecdsa_secp256r1_sha256};
                case 384 -> new int[] {SignatureScheme.ecdsa_secp384r1_sha384};
                case 521 -> new int[] {SignatureScheme.ecdsa_secp521r1_sha512};
                default -> new int[0];
            };
            case "EdDSA", "Ed25519", "Ed448" -> "Ed448".equals(((EdECKey) certificate.getPublicKey()).getParams().getName())
                    ? new int[] {SignatureScheme.ed448} : new int[] {SignatureScheme.ed25519};
            case "RSA" -> new int[] {SignatureScheme.rsa_pss_rsae_sha256, SignatureScheme.rsa_pss_rsae_sha384,
                    SignatureScheme.rsa_pss_rsae_sha512};
            default -> new int[0];
        };
    }

    private Certificate certificateOf(X509Certificate[] certificates) throws IOException {
        CertificateEntry[] entries = new CertificateEntry[certificates.length];
        for (int i = 0; i < certificates.length; i++) {
            try {
                entries[i] = new CertificateEntry(new BcTlsCertificate(bcCrypto, certificates[i].getEncoded()), null);
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new TlsFatalAlert(AlertDescription.internal_error, "the server's certificate cannot be encoded", e);
            }
        }
        return new Certificate(TlsUtils.EMPTY_BYTES, entries);
    }
}
