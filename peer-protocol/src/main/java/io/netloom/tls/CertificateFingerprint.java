package io.netloom.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SHA-256 fingerprint of a certificate (of its DER encoding), written as
 * {@code openssl x509 -noout -fingerprint -sha256} writes it: 32 upper-case hexadecimal pairs separated by
 * colons. Read leniently: a {@code sha256:} prefix or openssl's {@code SHA256 Fingerprint=}, colons or none,
 * any case.
 *
 * @param text the canonical form, e.g. {@code 3F:A2:...:7C}
 */
public record CertificateFingerprint(String text) {

    private static final HexFormat PAIRS = HexFormat.ofDelimiter(":").withUpperCase();
    private static final Pattern PREFIX = Pattern.compile("^(sha-?256( fingerprint)?\\s*[:=]\\s*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");

    public CertificateFingerprint {
        if (text == null || !text.equals(canonical(text))) {
            throw new IllegalArgumentException("not a canonical SHA-256 fingerprint: " + text);
        }
    }

    /** Reads a fingerprint as a person or a script may give it; the message of the refusal says what is expected. */
    public static CertificateFingerprint parse(String given) {
        String canonical = canonical(given);
        if (canonical == null) {
            throw new IllegalArgumentException("'" + given + "' is not a SHA-256 certificate fingerprint: expected "
                    + "64 hexadecimal digits, in pairs separated by colons or not, optionally after 'sha256:'");
        }
        return new CertificateFingerprint(canonical);
    }

    public static CertificateFingerprint of(X509Certificate certificate) {
        try {
            return new CertificateFingerprint(PAIRS.formatHex(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public boolean matches(X509Certificate certificate) {
        return equals(of(certificate));
    }

    @Override
    public String toString() {
        return text;
    }

    private static String canonical(String given) {
        if (given == null) {
            return null;
        }
        String digits = PREFIX.matcher(given.strip()).replaceFirst("").replace(":", "");
        if (!HEX_64.matcher(digits).matches()) {
            return null;
        }
        return PAIRS.formatHex(HexFormat.of().parseHex(digits.toLowerCase(Locale.ROOT)));
    }
}
