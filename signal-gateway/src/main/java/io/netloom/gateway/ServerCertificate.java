package io.netloom.gateway;

import io.netloom.tls.CertificateFingerprint;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain (leaf first) and the private key of its leaf: what the server presents in TLS, on the
 * API and on the gateway alike.
 */
public record ServerCertificate(List<X509Certificate> chain, PrivateKey privateKey) {

    public ServerCertificate {
        chain = List.copyOf(chain);
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the server's own certificate");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public CertificateFingerprint fingerprint() {
        return CertificateFingerprint.of(leaf());
    }

    @Override
    public String toString() {
        return "ServerCertificate[" + leaf().getSubjectX500Principal() + ", SHA-256 " + fingerprint() + "]";
    }
}
