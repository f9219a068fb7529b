package io.netloom.daemon.relay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities a {@code turns:} relay's certificate must chain to. The relay's name (or IP address)
 * is checked against the certificate as HTTPS does; there is no way to accept any certificate.
 */
public final class RelayTrust {

    private final SSLContext context;

    private RelayTrust(SSLContext context) {
        this.context = context;
    }

    /** The Java runtime's default trust store (public CAs). */
    public static RelayTrust systemDefault() {
        try {
            return new RelayTrust(SSLContext.getDefault());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime has no default TLS context", e);
        }
    }

    /** The CA certificates (PEM, one or more) in {@code pemFile}. */
    public static RelayTrust fromPem(Path pemFile) throws IOException {
        return of(certificates(pemFile));
    }

    private static List<Certificate> certificates(Path pemFile) throws IOException {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException(pemFile + " holds no certificate");
            }
            return List.copyOf(certificates);
        } catch (GeneralSecurityException e) {
            throw new IOException(pemFile + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    /**
     * The runtime's default CAs and the ones in {@code pemFile}: relays with public certificates and the one with a
     * private CA (a company's, a lab's) alike.
     */
    public static RelayTrust systemDefaultAnd(Path pemFile) throws IOException {
        List<Certificate> all = new ArrayList<>();
        try {
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            for (TrustManager manager : defaults.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    all.addAll(Arrays.asList(x509.getAcceptedIssuers()));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime's default trust store cannot be read", e);
        }
        all.addAll(certificates(pemFile));
        return of(all);
    }

    /** Exactly these CA certificates. */
    public static RelayTrust of(List<? extends Certificate> authorities) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate authority : authorities) {
                store.setCertificateEntry("relay-ca-" + index++, authority);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return new RelayTrust(context);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store for the relay CAs: " + e.getMessage(), e);
        }
    }

    SSLContext context() {
        return context;
    }
}
