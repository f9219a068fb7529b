package io.netloom.server.security;

import io.netloom.server.config.NetloomProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * The one issuer of Netloom's JWTs: {@code netloom.public-url}, or when that is unset a URL derived from
 * the server's own settings, never from a request (a Host header is the client's to choose). The
 * scheme is {@code https} unless plain HTTP was asked for ({@code netloom.insecure-http=true}), the host
 * {@code server.address} when it names one address and {@code localhost} otherwise, the port
 * {@code server.port} (left out when 0, a port chosen at start).
 *
 * @param value the issuer, without a trailing slash
 */
public record IssuerUrl(String value) {

    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

    public IssuerUrl {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("netloom.public-url is not a URL: " + value, e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null || value.endsWith("/")) {
            throw new IllegalArgumentException("netloom.public-url must be an http(s) URL with a host and no query,"
                    + " fragment or trailing slash: " + value);
        }
    }

    public static IssuerUrl resolve(NetloomProperties properties, Environment environment) {
        String configured = properties.publicUrl().strip();
        if (!configured.isEmpty()) {
            return new IssuerUrl(configured.replaceAll("/+$", ""));
        }
        boolean insecure = properties.insecureHttp();
        String address = environment.getProperty("server.address", "").strip();
        String host = address.isEmpty() || WILDCARDS.contains(address) ? "localhost"
                : address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
        int port = environment.getProperty("server.port", Integer.class, 8080);
        return new IssuerUrl((insecure ? "http" : "https") + "://" + host + (port == 0 ? "" : ":" + port));
    }

    @Override
    public String toString() {
        return value;
    }
}
