package io.netloom.daemon.login;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.daemon.DaemonJson;
import io.netloom.tls.ServerTrust;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sign-in's HTTP calls (discovery, device authorization, token): each one to an https:// URL the server's
 * trust accepts (its pinned certificate, else the certificate authorities), or to http:// only where the
 * person allowed it for a lab server. A refusal is told in words; no token or code reaches a message.
 */
final class OidcHttp {

    private final ServerTrust trust;
    private final boolean allowInsecureHttp;
    private final HttpClient http;

    OidcHttp(ServerTrust trust, boolean allowInsecureHttp) {
        this.trust = trust;
        this.allowInsecureHttp = allowInsecureHttp;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(trust.sslContext())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A JSON answer, whatever its status: OAuth errors come as 400 with a JSON body. */
    record Answer(int status, JsonNode body) {
        String text(String field) {
            JsonNode value = body.get(field);
            return value != null && value.isValueNode() ? value.asText() : null;
        }
    }

    Answer get(URI url) throws LoginException {
        return send(HttpRequest.newBuilder(requireAllowed(url)).GET(), url);
    }

    Answer postForm(URI url, Map<String, String> form) throws LoginException {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(requireAllowed(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), url);
    }

    /** https://, or http:// only when allowed: codes and tokens cross these connections. */
    URI requireAllowed(URI url) throws LoginException {
        String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
        if (scheme.equals("https") && url.getHost() != null || scheme.equals("http") && allowInsecureHttp) {
            return url;
        }
        throw new LoginException("refusing the sign-in endpoint " + url + ": only https:// URLs are used for signing "
                + "in (--allow-insecure-http permits http:// for a lab server)");
    }

    private Answer send(HttpRequest.Builder request, URI url) throws LoginException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoginException(trust.refusalBehind(e)
                    .map(refusal -> "refusing " + url.getHost() + ":" + url.getPort() + ": " + refusal.reason()
                            + " (it presented a certificate with SHA-256 fingerprint " + refusal.presented()
                            + "). Nothing was sent")
                    .orElseGet(() -> "cannot reach the sign-in service at " + url + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("sign-in interrupted");
        }
        try {
            return new Answer(response.statusCode(), DaemonJson.MAPPER.readTree(response.body()));
        } catch (IOException notJson) {
            throw new LoginException(url + " answered " + response.statusCode() + " with something other than JSON: "
                    + "is this the right server?");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
