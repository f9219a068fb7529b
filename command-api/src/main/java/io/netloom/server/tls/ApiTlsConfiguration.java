package io.netloom.server.tls;

import io.netloom.gateway.ServerCertificate;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The API's TLS: the server's certificate as an SSL bundle that Tomcat serves, updated in place when the
 * certificate is reloaded (Tomcat then uses it for new connections; open ones keep theirs).
 */
@Configuration(proxyBeanMethods = false)
public class ApiTlsConfiguration {

    static final String BUNDLE = "netloom";

    @Bean
    SslBundleRegistrar netloomSslBundle(ServerCertificates certificates) {
        return registry -> certificates.current().ifPresent(certificate -> {
            registry.registerBundle(BUNDLE, bundleOf(certificate));
            certificates.onReload(replacement -> update(registry, replacement));
        });
    }

    /** After Boot's own customizer (order 0), which would otherwise set {@code server.ssl} as configured. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> netloomTls(ServerCertificates certificates) {
        return new ServeTheBundle(certificates);
    }

    private static void update(SslBundleRegistry registry, ServerCertificate replacement) {
        registry.updateBundle(BUNDLE, bundleOf(replacement));
    }

    private static SslBundle bundleOf(ServerCertificate certificate) {
        return SslBundle.of(new PemSslStoreBundle(PemSslStore.of(certificate.chain(), certificate.privateKey()), null));
    }

    private record ServeTheBundle(ServerCertificates certificates)
            implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableWebServerFactory factory) {
            if (certificates.usesTls()) {
                factory.setSsl(Ssl.forBundle(BUNDLE));
            }
        }

        @Override
        public int getOrder() {
            return 1;
        }
    }
}
