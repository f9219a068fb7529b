package io.netloom.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.server.config.NetloomProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The issuer comes from configuration only: the public URL, else the server's own settings. */
class IssuerUrlTest {

    @Test
    void resolveWhenPublicUrlSetThenThatUrlWithoutTrailingSlash() {
        assertThat(IssuerUrl.resolve(properties("https://vpn.example.org/"), new MockEnvironment()).value())
                .isEqualTo("https://vpn.example.org");
        assertThat(IssuerUrl.resolve(properties("https://vpn.example.org:8443/netloom"), new MockEnvironment()).value())
                .isEqualTo("https://vpn.example.org:8443/netloom");
    }

    @Test
    void resolveWhenPublicUrlUnsetThenHttpsOnLocalhostAndTheServersPort() {
        assertThat(IssuerUrl.resolve(properties(""), new MockEnvironment()).value()).isEqualTo("https://localhost:8080");
        assertThat(IssuerUrl.resolve(properties(""), new MockEnvironment().withProperty("server.port", "9443"))
                .value()).isEqualTo("https://localhost:9443");
        assertThat(IssuerUrl.resolve(properties(""), new MockEnvironment().withProperty("server.port", "0"))
                .value()).isEqualTo("https://localhost");
    }

    @Test
    void resolveWhenInsecureHttpConfiguredThenHttp() {
        assertThat(IssuerUrl.resolve(insecureProperties(), new MockEnvironment())
                .value()).isEqualTo("http://localhost:8080");
    }

    @Test
    void resolveWhenServerAddressSetThenThatHostUnlessWildcard() {
        assertThat(IssuerUrl.resolve(properties(""), new MockEnvironment().withProperty("server.address", "192.0.2.10"))
                .value()).isEqualTo("https://192.0.2.10:8080");
        assertThat(IssuerUrl.resolve(properties(""), new MockEnvironment().withProperty("server.address", "0.0.0.0"))
                .value()).isEqualTo("https://localhost:8080");
        assertThat(IssuerUrl.resolve(properties(""), new MockEnvironment().withProperty("server.address", "::1"))
                .value()).isEqualTo("https://[::1]:8080");
    }

    @Test
    void constructWhenNotAnHttpUrlThenRefused() {
        for (String bad : List.of("vpn.example.org", "ftp://vpn.example.org", "https://vpn.example.org?x=1",
                "https://", "https://vpn.example.org#top")) {
            assertThatThrownBy(() -> IssuerUrl.resolve(properties(bad), new MockEnvironment())).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static NetloomProperties properties(String publicUrl) {
        return properties(publicUrl, false);
    }

    private static NetloomProperties insecureProperties() {
        return properties("", true);
    }

    private static NetloomProperties properties(String publicUrl, boolean insecureHttp) {
        return new NetloomProperties(Path.of("data"), publicUrl, null, List.of(), List.of(), "", Duration.ofHours(24),
                null, insecureHttp, null);
    }
}
