package io.netloom.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts a server whose certificate has the pinned fingerprint, and nothing else. Being an extended trust
 * manager, JSSE leaves every decision to it: no host-name or validity check is added, as the pin names the
 * one certificate that is the server.
 */
final class PinnedCertificate extends X509ExtendedTrustManager {

    private final CertificateFingerprint pin;
    private final ServerTrust.RefusalRecorder refusals;

    PinnedCertificate(CertificateFingerprint pin, ServerTrust.RefusalRecorder refusals) {
        this.pin = pin;
        this.refusals = refusals;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        CertificateFingerprint presented = ServerTrust.leafOf(chain);
        if (!presented.equals(pin)) {
            String reason = "the server presented a certificate with SHA-256 fingerprint " + presented
                    + ", not the pinned " + pin;
            CertificateException refusal = new CertificateException(reason);
            refusals.record(new ServerTrust.Refusal(presented, pin, reason), refusal);
            throw refusal;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client trust manager does not judge clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
