package io.netloom.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateFingerprintTest {

    /** Made with {@code openssl req -x509}; its fingerprint below is what {@code openssl x509 -fingerprint -sha256} printed. */
    private static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBnDCCAUGgAwIBAgIUSf3tzksiEkoO8kVa58hpBmYaABswCgYIKoZIzj0EAwIw
            IzEhMB8GA1UEAwwYbmV0bG9vbSBmaW5nZXJwcmludCB0ZXN0MB4XDTI2MTIwMzA5
            MjYwMloXDTM2MTEzMDA5MjYwMlowIzEhMB8GA1UEAwwYbmV0bG9vbSBmaW5nZXJw
            cmludCB0ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEvwxVa6nY1kJjFnGg
            lVuvyyREvn2apLR2FIqqG5agpwNXCg8oDvgukyWeUFApXqedX2GqUl7H/qrDcnTM
            mlQT66NTMFEwHQYDVR0OBBYEFCQTY0LpxhGqCHJYXqE/7pXdzjljMB8GA1UdIwQY
            MBaAFCQTY0LpxhGqCHJYXqE/7pXdzjljMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZI
            zj0EAwIDSQAwRgIhAKqNr8zGWfbpH2L8QqwQ9L3RUnVyXTtF2ynQqdGJYj7iAiEA
            i/2HrNjDHdaqumRjohGYyXq0RQTHVjyN0bSMoHQavd8=
            -----END CERTIFICATE-----
            """;
    private static final String OPENSSL_FINGERPRINT =
            "69:CC:88:65:87:53:38:CC:51:F8:39:5C:AC:61:71:8E:FC:58:B1:7A:F2:E2:3B:3E:75:C6:F8:50:2E:07:98:21";

    @Test
    void ofWhenCertificateGivenThenSameTextAsOpenssl() throws Exception {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(CERTIFICATE.getBytes(StandardCharsets.US_ASCII)));

        assertThat(CertificateFingerprint.of(certificate).text()).isEqualTo(OPENSSL_FINGERPRINT);
        assertThat(CertificateFingerprint.parse(OPENSSL_FINGERPRINT).matches(certificate)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "69:CC:88:65:87:53:38:CC:51:F8:39:5C:AC:61:71:8E:FC:58:B1:7A:F2:E2:3B:3E:75:C6:F8:50:2E:07:98:21",
            "sha256:69:CC:88:65:87:53:38:CC:51:F8:39:5C:AC:61:71:8E:FC:58:B1:7A:F2:E2:3B:3E:75:C6:F8:50:2E:07:98:21",
            "SHA256 Fingerprint=69:CC:88:65:87:53:38:CC:51:F8:39:5C:AC:61:71:8E:FC:58:B1:7A:F2:E2:3B:3E:75:C6:F8:50:2E:07:98:21",
            "sha256:69cc8865875338cc51f8395cac61718efc58b17af2e23b3e75c6f8502e079821",
            "  69cc8865875338cc51f8395cac61718efc58b17af2e23b3e75c6f8502e079821\n"})
    void parseWhenWrittenInAnyAcceptedFormThenCanonical(String given) {
        assertThat(CertificateFingerprint.parse(given).text()).isEqualTo(OPENSSL_FINGERPRINT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha256:", "69:CC:88", "md5:69cc8865875338cc51f8395cac61718efc58b17af2e23b3e75c6f8502e079821",
            "69cc8865875338cc51f8395cac61718efc58b17af2e23b3e75c6f8502e07982zz",
            "69cc8865875338cc51f8395cac61718efc58b17af2e23b3e75c6f8502e07982100"})
    void parseWhenNotASha256FingerprintThenRefusedSayingWhatIsExpected(String given) {
        assertThatThrownBy(() -> CertificateFingerprint.parse(given))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hexadecimal digits");
    }
}
