package io.netloom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays both sides of a person's sign-in over real HTTP: the device (the CLI's requests to the
 * device authorization and token endpoints) and the person's browser (a cookie jar that follows
 * the sign-in pages' forms, CSRF tokens included, and stops at each redirect so the test sees it).
 */
public final class PersonSignIn {

    public static final String CLI = "netloom-cli";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final SSLContext tls;
    private final JsonMapper json = JsonMapper.builder().build();

    /** For a server speaking plain HTTP. */
    public PersonSignIn(NetloomApi api) {
        this(api, null);
    }

    /** For a server speaking TLS, trusted as {@code tls} decides. */
    public PersonSignIn(NetloomApi api, SSLContext tls) {
        this.baseUrl = api.baseUrl();
        this.tls = tls;
    }

    private HttpClient.Builder client() {
        HttpClient.Builder builder = HttpClient.newBuilder();
        return tls == null ? builder : builder.sslContext(tls);
    }

    /** A browser's answer: status, where it redirects to (or null), and the page. */
    public record Page(int status, String location, String body) {

        public String csrf() {
            Matcher matcher = CSRF.matcher(body);
            assertThat(matcher.find()).as("a CSRF token in the page:\n" + body).isTrue();
            return matcher.group(1).replace("&#45;", "-");
        }
    }

    /** A JSON answer of an OAuth endpoint. */
    public record Answer(int status, JsonNode body) {

        public String text(String field) {
            JsonNode value = body.get(field);
            return value == null ? null : value.asString();
        }
    }

    /** A person's browser: cookies kept, redirects not followed. */
    public final class Browser {

        private final HttpClient http = client()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        public Page get(String pathOrUrl) {
            return exchange(HttpRequest.newBuilder(uri(pathOrUrl)).GET().build());
        }

        public Page post(String path, Map<String, String> form) {
            return exchange(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
        }

        /** Follows redirects within the server, as a browser would, and returns the first page that is not one. */
        public Page follow(Page page) {
            Page current = page;
            for (int hops = 0; current.location() != null && hops < 10; hops++) {
                current = get(current.location());
            }
            return current;
        }

        /** Signs in on the login page the server sent this browser to, with a password that needs no change. */
        public Page signIn(String email, String password) {
            Page login = get("/login");
            assertThat(login.status()).isEqualTo(200);
            return post("/login", Map.of("email", email, "password", password, "_csrf", login.csrf()));
        }

        private Page exchange(HttpRequest request) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(request.method() + " " + request.uri() + ": " + response.body())
                        .isLessThan(500);
                return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                        response.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public Browser browser() {
        return new Browser();
    }

    /** The device asks for a device code (RFC 8628 section 3.1). */
    public Answer deviceAuthorization() {
        return oauth("/oauth2/device_authorization", Map.of("client_id", CLI, "scope", "openid"));
    }

    /** The device polls the token endpoint with its device code (RFC 8628 section 3.4). */
    public Answer poll(String deviceCode) {
        return oauth("/oauth2/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "device_code", deviceCode, "client_id", CLI));
    }

    /** Polls as RFC 8628 allows: no sooner than the 5 s interval after the previous poll. */
    public Answer pollAfterInterval(String deviceCode) {
        try {
            Thread.sleep(5_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return poll(deviceCode);
    }

    public Answer oauth(String path, Map<String, String> form) {
        try {
            HttpResponse<String> response = client().build().send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isLessThan(500);
            return new Answer(response.statusCode(), response.body().isBlank() ? null : json.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The whole device flow for a person whose password needs no change: device code, the person
     * signs in and approves the code in the browser, the device gets its access token.
     */
    public String deviceFlowAccessToken(String email, String password) {
        Answer device = deviceAuthorization();
        assertThat(device.status()).as(String.valueOf(device.body())).isEqualTo(200);
        Browser browser = browser();
        Page redirectToLogin = browser.get(device.text("verification_uri_complete"));
        assertThat(redirectToLogin.status()).isIn(302, 303);
        Page afterLogin = browser.signIn(email, password);
        assertThat(afterLogin.status()).as(afterLogin.body()).isEqualTo(303);
        Page activate = browser.follow(afterLogin);
        approve(browser, activate, device.text("user_code"));
        Answer token = poll(device.text("device_code"));
        assertThat(token.status()).as(String.valueOf(token.body())).isEqualTo(200);
        return token.text("access_token");
    }

    /** The person confirms the device's code on the code page; the server says the device is signed in. */
    public static void approve(Browser browser, Page activate, String userCode) {
        assertThat(activate.status()).as(activate.body()).isEqualTo(200);
        Page approved = browser.post("/oauth2/device_verification",
                Map.of("user_code", userCode, "_csrf", activate.csrf()));
        assertThat(approved.location()).as(approved.body()).endsWith("/activate/done");
    }

    /**
     * The test server listens on a port chosen at start, which its issuer URL (and so the verification
     * URI it hands out) cannot name: absolute URLs are taken for their path and query on this server.
     */
    private URI uri(String pathOrUrl) {
        if (!pathOrUrl.startsWith("http")) {
            return URI.create(baseUrl + pathOrUrl);
        }
        URI absolute = URI.create(pathOrUrl);
        return URI.create(baseUrl + absolute.getRawPath() + (absolute.getRawQuery() == null ? "" : "?" + absolute.getRawQuery()));
    }

    private static String encode(Map<String, String> form) {
        return new LinkedHashMap<>(form).entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
