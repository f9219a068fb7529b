package io.netloom.ops.lab;

import io.netloom.testsupport.http.CookieJar;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A person at a browser, played over HTTP from the test's namespace: follows the verification URL a device showed,
 * signs in on Netloom's own pages (or, through the link on them, on Keycloak's), confirms the device's code. It
 * trusts exactly the lab server's certificate, keeps cookies per host like a browser (also the {@code Secure} ones
 * Keycloak sets on its plain-http lab address, which {@code java.net.CookieManager} would hold back), fills in the
 * CSRF tokens of the forms, and follows redirects across both.
 */
final class LabPerson {

    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*\\baction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

    private final HttpClient http;
    private final CookieJar cookies = new CookieJar();

    /** A page as the browser shows it, after every redirect. */
    record Page(URI location, int status, String body) {

        String title() {
            Matcher title = TITLE.matcher(body);
            return title.find() ? title.group(1).strip() : "";
        }

        boolean hasForm(String action) {
            return FORM.matcher(body).results().anyMatch(form -> unescape(form.group(1)).startsWith(action));
        }

        String csrf() {
            Matcher token = CSRF.matcher(body);
            if (!token.find()) {
                throw new AssertionError("no CSRF token on " + location + ":\n" + body);
            }
            return unescape(token.group(1));
        }

        URI formAction() {
            Matcher form = FORM.matcher(body);
            if (!form.find()) {
                throw new AssertionError("no form on " + location + ":\n" + body);
            }
            return location.resolve(unescape(form.group(1)));
        }

        @Override
        public String toString() {
            return status + " " + location + " \"" + title() + "\"";
        }
    }

    LabPerson() {
        this.http = HttpClient.newBuilder().sslContext(trustingTheLabServer())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    Page open(URI uri) {
        return follow(exchange(HttpRequest.newBuilder(uri).GET(), uri));
    }

    /** Submits a form of the page at {@code action} (resolved against the page) and follows the redirects. */
    Page submit(Page page, String action, Map<String, String> fields) {
        URI target = page.location().resolve(action);
        String form = fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return follow(exchange(HttpRequest.newBuilder(target).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), target));
    }

    /** On Netloom's sign-in page: the embedded user store's email and password. */
    Page signInLocally(Page login, String email, String password) {
        requireForm(login, "/login");
        return submit(login, "/login", Map.of("email", email, "password", password, "_csrf", login.csrf()));
    }

    /** On the page that asks for a new password after an administrator set one. */
    Page choosePassword(Page change, String password) {
        requireForm(change, "/login/password");
        return submit(change, "/login/password", Map.of("new_password", password, "confirmation", password,
                "_csrf", change.csrf()));
    }

    /** On Netloom's sign-in page: the link to an upstream provider, then its login form ({@code form#kc-form-login}). */
    Page signInWithKeycloak(Page login, String providerId, String username, String password) {
        String link = "/oauth2/authorization/" + providerId;
        if (!login.body().contains("href=\"" + link + "\"")) {
            throw new AssertionError("Netloom's sign-in page has no link to " + link + ": " + login + "\n" + login.body());
        }
        Page keycloak = open(login.location().resolve(link));
        if (!keycloak.body().contains("kc-form-login")) {
            throw new AssertionError("expected Keycloak's login form, got " + keycloak + "\n" + keycloak.body());
        }
        return submit(keycloak, keycloak.formAction().toString(), Map.of("username", username, "password", password));
    }

    /** On Netloom's code page: confirms the device's code; the server says the device is signed in. */
    Page confirmDevice(Page activate, String userCode) {
        requireForm(activate, "/oauth2/device_verification");
        Page done = submit(activate, "/oauth2/device_verification", Map.of("user_code", userCode, "_csrf",
                activate.csrf()));
        if (!done.location().getPath().equals("/activate/done")) {
            throw new AssertionError("the code was not confirmed: " + done + "\n" + done.body());
        }
        return done;
    }

    private static void requireForm(Page page, String action) {
        if (!page.hasForm(action)) {
            throw new AssertionError("expected a form posting to " + action + ", got " + page + "\n" + page.body());
        }
    }

    private Page follow(Page page) {
        Page current = page;
        for (int hops = 0; hops < 20; hops++) {
            Optional<URI> next = redirect(current);
            if (next.isEmpty()) {
                return current;
            }
            current = exchange(HttpRequest.newBuilder(next.get()).GET(), next.get());
        }
        throw new AssertionError("more than 20 redirects from " + page);
    }

    private static Optional<URI> redirect(Page page) {
        if (page.status() / 100 != 3) {
            return Optional.empty();
        }
        return Optional.of(page.location().resolve(page.body()));
    }

    /** The body of a redirect is replaced by its Location, resolved, so that {@link #redirect} can follow it. */
    private Page exchange(HttpRequest.Builder request, URI uri) {
        cookies.addTo(request, uri);
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            cookies.keep(uri, response);
            if (response.statusCode() >= 500) {
                throw new AssertionError(uri + " answered " + response.statusCode() + ":\n" + response.body());
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (response.statusCode() / 100 == 3 && location.isPresent()) {
                return new Page(uri, response.statusCode(), location.get());
            }
            return new Page(uri, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("the browser could not open " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&#45;", "-")
                .replace("&lt;", "<").replace("&gt;", ">");
    }

    /** Exactly the certificate the lab's server generated at its first start, as a browser that was told of it. */
    static SSLContext trustingTheLabServer() {
        try (InputStream certificate = Files.newInputStream(Lab.SERVER_CERTIFICATE)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("lab-server", CertificateFactory.getInstance("X.509")
                    .generateCertificate(certificate));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("cannot trust the lab server's certificate " + Lab.SERVER_CERTIFICATE + ": "
                    + e.getMessage(), e);
        }
    }
}
