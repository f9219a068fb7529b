package io.netloom.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code netloom.*}.
 *
 * @param dataDir where the embedded database, keys and the first admin token live
 * @param publicUrl how peers and clients reach this server (issuer of JWTs, base of the gateway URL)
 * @param gateway the signal gateway peers sync with
 * @param stunUris STUN servers handed to peers at enrollment
 * @param turnUris TURN servers handed to peers, with time-limited credentials
 * @param turnSecret coturn's static-auth-secret; generated into the data directory when empty
 * @param turnCredentialTtl how long a TURN credential handed out at enrollment stays valid
 * @param tls the certificate the API and the gateway serve
 * @param insecureHttp serve the API and the gateway over plain HTTP and WebSocket instead (labs only)
 * @param keysDir where the secrets live that every process of a cluster shares (gateway key, map-signing master,
 *     TURN secret, JWT signing keys, management tokens); {@code <data-dir>/keys} when unset
 */
@ConfigurationProperties("netloom")
public record NetloomProperties(
        @DefaultValue("./netloom-data") Path dataDir,
        @DefaultValue("") String publicUrl,
        @DefaultValue Gateway gateway,
        @DefaultValue List<String> stunUris,
        @DefaultValue List<String> turnUris,
        @DefaultValue("") String turnSecret,
        @DefaultValue("24h") Duration turnCredentialTtl,
        @DefaultValue Tls tls,
        @DefaultValue("false") boolean insecureHttp,
        Path keysDir) {

    /** The directory of the shared secrets: {@code keysDir}, or {@code <data-dir>/keys}. */
    public Path keysDirectory() {
        return keysDir != null ? keysDir : dataDir.resolve("keys");
    }

    /**
     * Settings under {@code netloom.gateway.*}.
     *
     * @param url the URL peers are told to sync with; derived from the host they enrolled through when empty
     * @param urls the URLs of every gateway process of the server, this process's own first (ADR 0057): peers are
     *     told all of them, and move on to the next when one goes away. All processes must share the gateway key and
     *     the TLS certificate, which peers pin. A URL listed again is dropped (a chart lists this pod's own URL, then
     *     every pod's). Empty: {@code url} alone, as with one process
     * @param port the gateway's own port ({@code 0}: any free port)
     * @param host the address it listens on
     * @param connectionsPerSecond upgrades per second allowed from one source address; {@code connectionBurst} at once
     */
    public record Gateway(
            @DefaultValue("") String url,
            @DefaultValue List<String> urls,
            @DefaultValue("33080") int port,
            @DefaultValue("0.0.0.0") String host,
            @DefaultValue("20") int connectionsPerSecond,
            @DefaultValue("100") int connectionBurst) {

        public Gateway {
            urls = urls.stream().map(String::strip).distinct().toList();
            for (String listed : urls) {
                requireWebSocketUrl(listed);
            }
        }

        private static void requireWebSocketUrl(String url) {
            URI parsed;
            try {
                parsed = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("netloom.gateway.urls: " + url + " is not a URL");
            }
            if (parsed.getHost() == null || !("ws".equalsIgnoreCase(parsed.getScheme())
                    || "wss".equalsIgnoreCase(parsed.getScheme()))) {
                throw new IllegalArgumentException("netloom.gateway.urls: " + url
                        + " is not a ws:// or wss:// URL with a host");
            }
        }
    }

    /**
     * Settings under {@code netloom.tls.*}: one certificate for the API and the gateway.
     *
     * @param certificate PEM certificate chain, the server's own first; with {@code privateKey}. Without both,
     *     the server generates a certificate into {@code <data-dir>/tls/} at first start and keeps it
     * @param privateKey PEM private key of the certificate (PKCS#8, PKCS#1 or SEC 1, unencrypted)
     * @param subjectAlternativeNames host names and addresses a generated certificate names besides
     *     localhost, the loopback addresses, this machine's host name and the host of {@code public-url}
     * @param reloadInterval how often configured files are checked for a new certificate
     */
    public record Tls(
            Path certificate,
            Path privateKey,
            @DefaultValue List<String> subjectAlternativeNames,
            @DefaultValue("10s") Duration reloadInterval) {

        public boolean configured() {
            return certificate != null || privateKey != null;
        }
    }
}
