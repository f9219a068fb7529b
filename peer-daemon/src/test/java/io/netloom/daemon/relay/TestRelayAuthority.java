package io.netloom.daemon.relay;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA that issues the lab relay its TLS certificate (ECDSA P-256, valid a day either side of now). */
public final class TestRelayAuthority {

    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestRelayAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    public static TestRelayAuthority create(String name) {
        KeyPair keys = newKeys();
        X500Name subject = new X500Name("CN=" + name);
        return new TestRelayAuthority(keys, sign(subject, subject, keys, keys, true, null));
    }

    /** What a client that trusts this CA trusts. */
    RelayTrust trust() {
        return RelayTrust.of(List.of(certificate));
    }

    /** Writes this CA's certificate as PEM: what a device is told to trust besides the public CAs. */
    public void writeCertificate(Path file) throws IOException {
        writePem(file, certificate);
    }

    /** Issues a server certificate for {@code ip} and writes it and its key as PEM files for coturn. */
    public void issueServerFiles(String ip, Path certificateFile, Path keyFile) throws IOException {
        KeyPair serverKeys = newKeys();
        X509Certificate server = sign(new X500Name("CN=" + ip), new X500Name(certificate.getSubjectX500Principal()
                .getName()), serverKeys, keys, false, ip);
        writePem(certificateFile, server);
        // PKCS#8: OpenSSL 3 (coturn) does not read the traditional "EC PRIVATE KEY" form Bouncy Castle writes.
        writePem(keyFile, new JcaPKCS8Generator(serverKeys.getPrivate(), null));
    }

    private static void writePem(Path file, Object value) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(value);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, X500Name issuer, KeyPair subjectKeys, KeyPair issuerKeys,
            boolean authority, String ip) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(63, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (ip != null) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, ip)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a test certificate: " + e.getMessage(), e);
        }
    }
}
