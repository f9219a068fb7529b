package io.netloom.server.console;

import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.ServerTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The console's page, its files and its WebJars over real HTTP: what is served, and with which headers. */
class ConsoleServingTest extends ServerTest {

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void rootWhenGetThenConsolePageWithStrictHeaders() {
        HttpResponse<String> page = send("GET", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Netloom console</title>");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertStrictHeaders(page);
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void rootWhenSignInRedirectQueryThenSamePage() {
        HttpResponse<String> page = send("GET", "/?code=abc-123&state=xyz");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Netloom console</title>");
        assertStrictHeaders(page);
    }

    @Test
    void rootWhenHeadThenHeadersWithoutBody() {
        HttpResponse<String> head = send("HEAD", "/");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertStrictHeaders(head);
    }

    @Test
    void consoleFileWhenGetThenServedWithStrictHeaders() {
        HttpResponse<String> file = send("GET", "/console/index.html");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).contains("<title>Netloom console</title>");
        assertStrictHeaders(file);
    }

    @Test
    void webjarWhenEchartsThenServedWithStrictHeadersAndLongCache() {
        HttpResponse<String> script = send("GET", "/webjars/echarts/5.3.1/dist/echarts.min.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .contains("javascript"));
        assertThat(script.body()).contains("echarts");
        assertThat(script.headers().firstValue("Cache-Control")).hasValueSatisfying(cache -> assertThat(cache)
                .contains("max-age=31536000").contains("immutable"));
        assertStrictHeaders(script);
    }

    @Test
    void consolePathsWhenUnknownFileThenJson404() {
        for (String path : new String[] {"/console/missing.js", "/webjars/echarts/5.3.1/dist/missing.js",
                "/console/../application.yml", "/webjars/", "/console/"}) {
            HttpResponse<String> missing = send("GET", path);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.body()).as(path).contains("\"code\":404").doesNotContain("Exception");
        }
    }

    @Test
    void consolePathsWhenNotReadThenJson404() {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            for (String path : new String[] {"/", "/console/index.html", "/webjars/echarts/5.3.1/dist/echarts.min.js"}) {
                HttpResponse<String> refused = send(method, path);
                assertThat(refused.statusCode()).as(method + " " + path).isEqualTo(404);
                assertThat(refused.body()).as(method + " " + path).contains("\"code\":404");
            }
        }
    }

    @Test
    void classPathWhenNotNamedByConsoleThenNotServed() {
        for (String path : new String[] {"/index.html", "/application.yml", "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js",
                "/echarts/5.3.1/dist/echarts.min.js", "/db/migration"}) {
            assertThat(send("GET", path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void openApiWhenReadThenConsolePageIsNoPartOfTheApi() {
        assertThat(ok(accounts.newAccount().get("/api/netloom/openapi")).body().get("paths").has("/")).isFalse();
    }

    @Test
    void signInPageWhenGetThenNoScriptAndItsStyleFromAFile() {
        HttpResponse<String> page = send("GET", "/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none';"
                + " style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'");
        assertThat(page.body()).contains("href=\"/console/sign-in.css\"").doesNotContain("<style", "<script");
        assertThat(send("GET", "/console/sign-in.css").statusCode()).isEqualTo(200);
    }

    private static void assertStrictHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    private HttpResponse<String> send(String method, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
