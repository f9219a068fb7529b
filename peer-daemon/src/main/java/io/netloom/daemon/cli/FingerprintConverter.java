package io.netloom.daemon.cli;

import io.netloom.tls.CertificateFingerprint;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --server-fingerprint}: a SHA-256 certificate fingerprint, with or without colons and {@code sha256:}. */
final class FingerprintConverter implements ITypeConverter<CertificateFingerprint> {

    @Override
    public CertificateFingerprint convert(String value) {
        try {
            return CertificateFingerprint.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
