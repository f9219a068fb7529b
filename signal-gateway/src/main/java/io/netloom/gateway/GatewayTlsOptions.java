package io.netloom.gateway;

import io.netloom.gateway.tls.BouncyCastleTlsEngine;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;

/**
 * The gateway's TLS server options, built in one place, at start and on every certificate reload. The engine is
 * the channel-binding one (ADR 0014): a reload swaps the key manager only, and the server keeps the engine it
 * was started with, so every connection, before and after a reload, can be bound to its tls-exporter.
 */
final class GatewayTlsOptions {

    /** Protects the in-memory key store only; the store never leaves this class. */
    private static final char[] IN_MEMORY = "gateway".toCharArray();

    private GatewayTlsOptions() {
    }

    static void applyTo(HttpServerOptions options, ServerCertificate certificate) {
        options.setSsl(true).setSslEngineOptions(new BouncyCastleTlsEngine())
                .setKeyCertOptions(keyCertOptions(certificate));
    }

    /** What {@code HttpServer.updateSSLOptions} takes to serve another certificate on new connections. */
    static ServerSSLOptions reloaded(ServerCertificate certificate) {
        return new ServerSSLOptions().setKeyCertOptions(keyCertOptions(certificate));
    }

    /** The certificate and its key as Vert.x key options (tests put them on a relay in front of the gateway too). */
    static KeyCertOptions keyCertOptions(ServerCertificate certificate) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("gateway", certificate.privateKey(), IN_MEMORY,
                    certificate.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, IN_MEMORY);
            return KeyCertOptions.wrap(keyManagers);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the gateway cannot use the certificate " + certificate + ": "
                    + e.getMessage(), e);
        }
    }
}
