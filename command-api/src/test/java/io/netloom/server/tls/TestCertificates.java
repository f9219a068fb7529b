package io.netloom.server.tls;

import io.netloom.gateway.ServerCertificate;
import java.time.Instant;
import java.util.List;

/** Certificates as an operator's PEM files would hold them, made with the server's own generator. */
final class TestCertificates {

    private TestCertificates() {
    }

    static ServerCertificate issue(String... names) {
        return GeneratedCertificate.issue(SubjectAlternativeNames.of(null, "", List.of(names)), Instant.now());
    }
}
