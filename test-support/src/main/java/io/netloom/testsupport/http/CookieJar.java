package io.netloom.testsupport.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cookies a test's "browser" keeps, per host, as a browser would for the sign-in pages it visits. Unlike
 * {@link java.net.CookieManager} it also sends the {@code Secure} cookies Keycloak sets to a plain-HTTP address,
 * which is what a browser does for loopback and what the lab's Keycloak needs.
 */
public final class CookieJar {

    private final Map<String, Map<String, String>> cookiesByHost = new HashMap<>();

    /** Adds the {@code Cookie} header the host of {@code uri} set earlier, if any. */
    public void addTo(HttpRequest.Builder request, URI uri) {
        Map<String, String> cookies = of(uri);
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream()
                    .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).collect(Collectors.joining("; ")));
        }
    }

    /** Keeps what the response sets, and forgets what it expires. */
    public void keep(URI uri, HttpResponse<?> response) {
        Map<String, String> cookies = of(uri);
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1).strip();
            if (value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    private Map<String, String> of(URI uri) {
        return cookiesByHost.computeIfAbsent(uri.getHost(), host -> new LinkedHashMap<>());
    }
}
