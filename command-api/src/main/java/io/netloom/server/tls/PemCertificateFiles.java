package io.netloom.server.tls;

import io.netloom.gateway.ServerCertificate;
import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A certificate chain and its private key as PEM files: read and checked to belong together, or written
 * (the key first and readable only by the server's user).
 */
final class PemCertificateFiles {

    private static final byte[] PROOF = "netloom: this key belongs to this certificate".getBytes(StandardCharsets.UTF_8);

    private PemCertificateFiles() {
    }

    /** The chain (the server's own certificate first) and the key; refused with a reason a person can act on. */
    static ServerCertificate read(Path certificateFile, Path keyFile) throws InvalidCertificateException {
        return parse(readText(certificateFile), certificateFile, readText(keyFile), keyFile);
    }

    static ServerCertificate parse(String certificatePem, Path certificateFile, String keyPem, Path keyFile)
            throws InvalidCertificateException {
        List<X509Certificate> chain = certificates(certificatePem, certificateFile);
        PrivateKey key = privateKey(keyPem, keyFile);
        if (!belongTogether(key, chain.get(0))) {
            throw new InvalidCertificateException("the private key in " + keyFile + " does not belong to the first "
                    + "certificate in " + certificateFile);
        }
        return new ServerCertificate(chain, key);
    }

    static void write(ServerCertificate certificate, Path certificateFile, Path keyFile) throws IOException {
        PrivateFiles.write(keyFile, pem(new JcaPKCS8Generator(certificate.privateKey(), null).generate()));
        StringBuilder chain = new StringBuilder();
        for (X509Certificate member : certificate.chain()) {
            chain.append(pem(member));
        }
        PrivateFiles.write(certificateFile, chain.toString());
    }

    private static String readText(Path file) throws InvalidCertificateException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidCertificateException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(String pem, Path file) throws InvalidCertificateException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new InvalidCertificateException(file + " is not a PEM certificate chain: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new InvalidCertificateException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey privateKey(String pem, Path file) throws InvalidCertificateException {
        List<PrivateKeyInfo> keys = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PEMKeyPair pair) {
                    keys.add(pair.getPrivateKeyInfo());
                } else if (object instanceof PrivateKeyInfo info) {
                    keys.add(info);
                } else if (object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new InvalidCertificateException(file + " holds an encrypted private key; the server "
                            + "needs it unencrypted (readable only by the server's user)");
                }
            }
            if (keys.size() != 1) {
                throw new InvalidCertificateException(file + " must hold exactly one PEM private key, not "
                        + keys.size());
            }
            return new JcaPEMKeyConverter().getPrivateKey(keys.get(0));
        } catch (IOException | RuntimeException e) {
            throw new InvalidCertificateException(file + " is not a PEM private key: " + e.getMessage());
        }
    }

    /** A signature made with the key verifies with the certificate's public key, whatever the key type. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate)
            throws InvalidCertificateException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> throw new InvalidCertificateException("keys of type " + key.getAlgorithm()
                    + " are not supported; use an EC, RSA or Ed25519 key");
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROOF);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROOF);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
