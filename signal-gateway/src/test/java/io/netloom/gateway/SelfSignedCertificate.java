package io.netloom.gateway;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate for 127.0.0.1 and its key, as PEM files, for a gateway speaking TLS in tests. */
record SelfSignedCertificate(Path certificate, Path key) {

    static SelfSignedCertificate forLoopback(Path directory) throws IOException, GeneralSecurityException,
            OperatorCreationException {
        return forLoopback(directory, "gateway");
    }

    /** Another certificate for the same address, in files named after {@code name}. */
    static SelfSignedCertificate forLoopback(Path directory, String name) throws IOException,
            GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=127.0.0.1");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        X509CertificateHolder certificate = builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        SelfSignedCertificate files = new SelfSignedCertificate(directory.resolve(name + ".crt"),
                directory.resolve(name + ".key"));
        writePem(files.certificate(), certificate);
        writePem(files.key(), new JcaPKCS8Generator(pair.getPrivate(), null).generate());
        return files;
    }

    private static void writePem(Path file, Object value) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(value);
        }
    }
}
