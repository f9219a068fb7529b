package io.netloom.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The Java runtime's own trust decision (certificate authorities, validity, and the host name, which JSSE
 * checks through the engine's or socket's parameters), remembering the certificate it refused.
 */
final class CertificateAuthorities extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager runtime;
    private final ServerTrust.RefusalRecorder refusals;

    CertificateAuthorities(X509ExtendedTrustManager runtime, ServerTrust.RefusalRecorder refusals) {
        this.runtime = runtime;
        this.refusals = refusals;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        judge(chain, () -> runtime.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        judge(chain, () -> runtime.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        judge(chain, () -> runtime.checkServerTrusted(chain, authType, engine));
    }

    private void judge(X509Certificate[] chain, Check check) throws CertificateException {
        CertificateFingerprint presented = ServerTrust.leafOf(chain);
        try {
            check.run();
        } catch (CertificateException e) {
            refusals.record(new ServerTrust.Refusal(presented, null, reasonOf(e)), e);
            throw e;
        }
    }

    /** The runtime's messages name internal classes; the two common cases are said plainly. */
    private static String reasonOf(CertificateException refusal) {
        String message = String.valueOf(refusal.getMessage());
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "its certificate is not issued for this host name (" + message + ")";
        }
        if (message.contains("PKIX path") || message.contains("certification path")) {
            return "its certificate is not signed by a certificate authority this machine trusts";
        }
        return message;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        runtime.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        runtime.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        runtime.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return runtime.getAcceptedIssuers();
    }

    @FunctionalInterface
    private interface Check {
        void run() throws CertificateException;
    }
}
