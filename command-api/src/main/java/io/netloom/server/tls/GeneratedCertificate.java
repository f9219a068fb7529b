package io.netloom.server.tls;

import io.netloom.gateway.ServerCertificate;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate the server makes for itself when none is configured: a self-signed ECDSA P-256
 * certificate, valid for ten years (devices pin it rather than trust a chain, so it must outlive them), kept in
 * {@code <data-dir>/tls/} and reused on every later start so that pins stay valid.
 */
final class GeneratedCertificate {

    static final Duration VALIDITY = Duration.ofDays(3650);
    /** Clocks of devices and server disagree a little; a certificate valid from "now" would be early for some. */
    private static final Duration BACKDATING = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedCertificate() {
    }

    static Path certificateFile(Path dataDir) {
        return dataDir.resolve("tls").resolve("server.crt");
    }

    static Path keyFile(Path dataDir) {
        return dataDir.resolve("tls").resolve("server.key");
    }

    /**
     * The stored certificate, or a new one when there is none. The key is written before the certificate: a
     * key without a certificate is what an interrupted first start leaves, and is replaced; a certificate
     * without its key was served and perhaps pinned, so the server refuses to start rather than silently
     * present another.
     */
    static ServerCertificate loadOrCreate(Path dataDir, SubjectAlternativeNames names, Instant now)
            throws IOException, InvalidCertificateException {
        Path certificateFile = certificateFile(dataDir);
        Path keyFile = keyFile(dataDir);
        if (Files.exists(certificateFile)) {
            if (!Files.exists(keyFile)) {
                throw new InvalidCertificateException("the generated certificate " + certificateFile + " has lost its "
                        + "key " + keyFile + "; delete the certificate to have a new one generated (devices that "
                        + "pinned the old one must then be enrolled again with the new fingerprint)");
            }
            return PemCertificateFiles.read(certificateFile, keyFile);
        }
        ServerCertificate certificate = issue(names, now);
        PemCertificateFiles.write(certificate, certificateFile, keyFile);
        return certificate;
    }

    static ServerCertificate issue(SubjectAlternativeNames names, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "Netloom")
                    .addRDN(BCStyle.CN, "Netloom server")
                    .build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(now.minus(BACKDATING)),
                    Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectAlternativeName, false, names.asGeneralNames())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new ServerCertificate(List.of(certificate), pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot generate the server's certificate", e);
        }
    }
}
