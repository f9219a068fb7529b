package io.netloom.gateway.tls;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for 127.0.0.1 of each key type a gateway may be given, as key stores or PEM files. */
record TestCertificates(KeyPair keys, X509Certificate certificate) {

    enum KeyType {
        EC_P256("EC", 256, "SHA256withECDSA"),
        RSA_2048("RSA", 2048, "SHA256withRSA"),
        ED25519("Ed25519", 0, "Ed25519");

        final String algorithm;
        final int size;
        final String signature;

        KeyType(String algorithm, int size, String signature) {
            this.algorithm = algorithm;
            this.size = size;
            this.signature = signature;
        }
    }

    static TestCertificates forLoopback(KeyType type) throws GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type.algorithm);
        if (type.size > 0) {
            generator.initialize(type.size);
        }
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=127.0.0.1");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(63, new java.security.SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(type.signature).build(pair.getPrivate())));
        return new TestCertificates(pair, certificate);
    }

    KeyManagerFactory keyManagers() throws GeneralSecurityException, IOException {
        return keyManagers(null);
    }

    /** Key managers of {@code provider}, or of the runtime when it is null. */
    KeyManagerFactory keyManagers(java.security.Provider provider) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), new char[0], new X509Certificate[] {certificate});
        KeyManagerFactory factory = provider == null
                ? KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm())
                : KeyManagerFactory.getInstance("PKIX", provider);
        factory.init(store, new char[0]);
        return factory;
    }

    TrustManagerFactory trustManagers() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("server", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    /** Writes the certificate and key as PEM files, as a gateway is configured. */
    Path[] writePem(Path directory) throws IOException {
        Path certificateFile = directory.resolve("gateway-" + certificate.getSerialNumber() + ".crt");
        Path keyFile = directory.resolve("gateway-" + certificate.getSerialNumber() + ".key");
        writePem(certificateFile, certificate);
        try {
            writePem(keyFile, new JcaPKCS8Generator(keys.getPrivate(), null).generate());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IOException(e);
        }
        return new Path[] {certificateFile, keyFile};
    }

    private static void writePem(Path file, Object value) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(value);
        }
    }
}
