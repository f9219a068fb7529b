package io.netloom.testsupport.keycloak;

import io.netloom.testsupport.http.CookieJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person at a browser, played over plain HTTP: opens a Keycloak page, signs in on its login form, grants or
 * denies on its consent page, and follows the redirects, the last one to the application (e.g. a device's
 * loopback callback). It keeps its own cookies, like a browser, also the {@code Secure} ones Keycloak sets on
 * plain-http loopback pages (which {@code java.net.CookieManager} would hold back).
 */
public final class KeycloakBrowser {

    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*\\baction=\"([^\"]*)\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TITLE = Pattern.compile("id=\"kc-page-title\"[^>]*>(.*?)</h1>", Pattern.DOTALL);
    private static final Pattern MESSAGE = Pattern.compile("class=\"[^\"]*(?:kc-feedback-text|pf-v5-c-alert__title)[^\"]*\"[^>]*>(.*?)</",
            Pattern.DOTALL);

    private final Person person;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final CookieJar cookies = new CookieJar();

    public KeycloakBrowser(Person person) {
        this.person = person;
    }

    /** What the person last saw: the page, or where Keycloak sent the browser outside itself. */
    public record Outcome(URI location, int status, String body, Optional<URI> leftKeycloakFor) {

        /** The page's title and any message on it, in words, for assertions and failure reports. */
        public String text() {
            String title = TITLE.matcher(body).results().map(match -> match.group(1)).findFirst().orElse("");
            String messages = MESSAGE.matcher(body).results().map(match -> match.group(1))
                    .collect(Collectors.joining(" "));
            return (title + " " + messages).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        }
    }

    /**
     * Opens the verification URL a device showed (with the user code in it), signs in and grants the device on the
     * consent page, if the client has one.
     */
    public Outcome approveDevice(URI verificationUriComplete) {
        return consentIfAsked(signIn(verificationUriComplete));
    }

    /** Opens the verification URL, signs in, and refuses the device on the consent page. */
    public Outcome denyDevice(URI verificationUriComplete) {
        return consent(signIn(verificationUriComplete), false);
    }

    /**
     * Opens an authorization URL, signs in, grants (if asked) and follows the redirect out of Keycloak, to the
     * application's callback, whose answer it returns.
     */
    public Outcome authorize(URI authorizationUrl) {
        URI callback = authorizeUntilCallback(authorizationUrl);
        return open(callback, callback);
    }

    /**
     * Opens an authorization URL, signs in and grants (if asked), and returns where Keycloak sends the browser
     * back to the application, without going there.
     */
    public URI authorizeUntilCallback(URI authorizationUrl) {
        Outcome granted = consentIfAsked(signIn(authorizationUrl));
        return granted.leftKeycloakFor().orElseThrow(() -> new IllegalStateException(
                "Keycloak did not send the browser back to the application; it shows: " + granted.text()));
    }

    /** Opens a page and follows Keycloak's redirects; returns before following one to elsewhere. */
    public Outcome open(URI page, URI keycloakOrigin) {
        return follow(send(HttpRequest.newBuilder(page).GET(), page), keycloakOrigin);
    }

    private Outcome signIn(URI start) {
        Outcome page = open(start, start);
        Matcher login = FORM.matcher(page.body());
        if (!page.body().contains("kc-form-login") || !login.find()) {
            throw new IllegalStateException("expected Keycloak's login page at " + start + ", got: " + page.text());
        }
        URI action = page.location().resolve(unescape(login.group(1)));
        Outcome after = post(action, Map.of("username", person.username(), "password", person.password()), start);
        if (after.body().contains("kc-form-login")) {
            throw new IllegalStateException("Keycloak did not accept " + person + "'s password: " + after.text());
        }
        return after;
    }

    private Outcome consentIfAsked(Outcome page) {
        return page.body().contains("name=\"accept\"") ? consent(page, true) : page;
    }

    private Outcome consent(Outcome page, boolean grant) {
        if (!page.body().contains("name=\"accept\"")) {
            throw new IllegalStateException("expected Keycloak's consent page, got: " + page.text());
        }
        Matcher form = FORM.matcher(page.body());
        if (!form.find()) {
            throw new IllegalStateException("the consent page has no form");
        }
        Map<String, String> fields = hiddenInputs(page.body());
        fields.put(grant ? "accept" : "cancel", grant ? "Yes" : "No");
        return post(page.location().resolve(unescape(form.group(1))), fields, page.location());
    }

    private Outcome post(URI action, Map<String, String> fields, URI keycloakOrigin) {
        String form = fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return follow(send(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), action), keycloakOrigin);
    }

    private Outcome follow(Outcome outcome, URI keycloakOrigin) {
        Outcome current = outcome;
        for (int hops = 0; hops < 20; hops++) {
            if (current.status() / 100 != 3 || current.leftKeycloakFor().isEmpty()) {
                return current;
            }
            URI next = current.leftKeycloakFor().get();
            if (!sameOrigin(next, keycloakOrigin)) {
                return current;
            }
            current = send(HttpRequest.newBuilder(next).GET(), next);
        }
        throw new IllegalStateException("more than 20 redirects from " + outcome.location());
    }

    private Outcome send(HttpRequest.Builder request, URI uri) {
        cookies.addTo(request, uri);
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            cookies.keep(uri, response);
            Optional<URI> redirect = response.headers().firstValue("Location").map(uri::resolve);
            return new Outcome(uri, response.statusCode(), response.body(), redirect);
        } catch (IOException e) {
            throw new UncheckedIOException("the browser could not open " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Map<String, String> hiddenInputs(String page) {
        Map<String, String> fields = new LinkedHashMap<>();
        INPUT.matcher(page).results().map(match -> match.group()).filter(input -> input.contains("type=\"hidden\""))
                .forEach(input -> attribute(input, "name").ifPresent(
                        name -> fields.put(name, attribute(input, "value").orElse(""))));
        return fields;
    }

    private static Optional<String> attribute(String tag, String name) {
        Matcher value = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(tag);
        return value.find() ? Optional.of(unescape(value.group(1))) : Optional.empty();
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()))
                && String.valueOf(a.getHost()).equalsIgnoreCase(String.valueOf(b.getHost())) && a.getPort() == b.getPort();
    }
}
