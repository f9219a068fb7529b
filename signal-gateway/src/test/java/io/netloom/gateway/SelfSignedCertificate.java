package io.netloom.gateway;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates and their keys, for a gateway speaking TLS in tests. */
final class SelfSignedCertificate {

    private SelfSignedCertificate() {
    }

    /** The key types a configured certificate may have (the generated one is ECDSA P-256). */
    enum KeyType {
        EC_P256("EC", 256, "SHA256withECDSA"),
        RSA_2048("RSA", 2048, "SHA256withRSA"),
        ED25519("Ed25519", 0, "Ed25519");

        private final String algorithm;
        private final int size;
        private final String signature;

        KeyType(String algorithm, int size, String signature) {
            this.algorithm = algorithm;
            this.size = size;
            this.signature = signature;
        }
    }

    /** A certificate for 127.0.0.1, the address the tests connect to. */
    static ServerCertificate forLoopback() {
        return forLoopback(KeyType.EC_P256);
    }

    /** A certificate for 127.0.0.1 with a key of {@code type}. */
    static ServerCertificate forLoopback(KeyType type) {
        return issue("127.0.0.1", new GeneralName(GeneralName.iPAddress, "127.0.0.1"), type);
    }

    /** A certificate for a name the tests never connect to: only a pin can make a client accept it. */
    static ServerCertificate forOtherHost() {
        return issue("gateway.example", new GeneralName(GeneralName.dNSName, "gateway.example"), KeyType.EC_P256);
    }

    private static ServerCertificate issue(String commonName, GeneralName name, KeyType type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type.algorithm);
            if (type.size > 0) {
                generator.initialize(type.size);
            }
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(1))), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(type.signature).build(pair.getPrivate())));
            return new ServerCertificate(List.of(certificate), pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new AssertionError("cannot make a test certificate", e);
        }
    }
}
