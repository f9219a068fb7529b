package io.netloom.ops.bench.signin;

import java.util.HashMap;
import java.util.Map;

/**
 * A person's browser, signed in once on the embedded user store's login page (prepared before any
 * timing: the password hash is the expensive part of a login and not what the benchmark measures),
 * then confirming device codes as the code page's form does: {@code POST /oauth2/device_verification}
 * with the code and the session's CSRF token. Used by one thread at a time.
 */
final class PersonBrowser {

    private final SignInHttp http;
    private String sessionId;
    private String csrf;

    private PersonBrowser(SignInHttp http) {
        this.http = http;
    }

    static PersonBrowser signIn(SignInHttp http, String email, String password) {
        PersonBrowser browser = new PersonBrowser(http);
        SignInHttp.Answer loginPage = browser.expect(browser.get("/login"), 200, "the login page");
        SignInHttp.Answer signedIn = browser.post("/login", Map.of("email", email, "password", password,
                "_csrf", SignInForms.csrf(loginPage.body())));
        if (signedIn.status() != 303) {
            throw new IllegalStateException("signing in " + email + " answered " + signedIn.status() + ": " + signedIn.body());
        }
        SignInHttp.Answer codePage = browser.expect(browser.get("/activate"), 200, "the code page");
        browser.csrf = SignInForms.csrf(codePage.body());
        return browser;
    }

    /** The person confirms a device's user code; the server must answer with its "device signed in" page. */
    void approve(String userCode) {
        SignInHttp.Answer answer = post("/oauth2/device_verification", Map.of("user_code", userCode, "_csrf", csrf));
        if (answer.location().filter(location -> location.endsWith("/activate/done")).isEmpty()) {
            throw new IllegalStateException("approving " + userCode + " answered " + answer.status() + " "
                    + answer.location().orElse("") + ": " + answer.body());
        }
    }

    private SignInHttp.Answer get(String path) {
        return remember(http.get(path, cookie()));
    }

    private SignInHttp.Answer post(String path, Map<String, String> form) {
        return remember(http.postForm(path, form, cookie()));
    }

    private Map<String, String> cookie() {
        Map<String, String> headers = new HashMap<>();
        if (sessionId != null) {
            headers.put("Cookie", SignInForms.SESSION_COOKIE + "=" + sessionId);
        }
        return headers;
    }

    /** The server renews the session id at sign-in: keep whatever it set last. */
    private SignInHttp.Answer remember(SignInHttp.Answer answer) {
        SignInForms.sessionCookie(answer.setCookies()).ifPresent(id -> sessionId = id);
        return answer;
    }

    private SignInHttp.Answer expect(SignInHttp.Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }
}
