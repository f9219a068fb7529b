package io.netloom.ops.bench.signin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What a browser reads from and writes to the server's sign-in pages: CSRF fields, the session cookie, form bodies. */
final class SignInForms {

    static final String SESSION_COOKIE = "JSESSIONID";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private SignInForms() {
    }

    /** The CSRF token a page's form carries, HTML entities undone. */
    static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("the page carries no CSRF field: "
                    + html.substring(0, Math.min(html.length(), 300)));
        }
        return matcher.group(1).replace("&#45;", "-").replace("&#95;", "_").replace("&#61;", "=");
    }

    /** The session id a response's {@code Set-Cookie} headers set, if they set one. */
    static Optional<String> sessionCookie(List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            String pair = header.split(";", 2)[0].trim();
            if (pair.startsWith(SESSION_COOKIE + "=") && pair.length() > SESSION_COOKIE.length() + 1) {
                return Optional.of(pair.substring(SESSION_COOKIE.length() + 1));
            }
        }
        return Optional.empty();
    }

    static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
