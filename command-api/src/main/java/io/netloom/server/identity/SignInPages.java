package io.netloom.server.identity;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The few pages a person sees when signing in: plain server-rendered HTML with labelled fields, no
 * scripts and nothing loaded from elsewhere, so they work in any browser, a screen reader or a
 * text browser, and leak nothing to third parties.
 */
final class SignInPages {

    private SignInPages() {
    }

    /** The embedded store's form, and a link for each upstream provider (ADR 0022). */
    static String login(CsrfToken csrf, String email, String problem, List<UpstreamProvider> providers) {
        String links = providers.isEmpty() ? "" : providers.stream()
                .map(provider -> "  <li><a href=\"" + UpstreamSignInFlow.AUTHORIZATION_PATH + escape(provider.id())
                        + "\">Sign in with " + escape(provider.displayName()) + "</a></li>")
                .collect(Collectors.joining("\n", "<ul>\n", "\n</ul>\n<p>Or with your Netloom password:</p>\n"));
        return page("Sign in to Netloom", problem, links + """
                <form method="post" action="/login">
                  %s
                  <p><label for="email">Email</label><br>
                  <input id="email" name="email" type="email" autocomplete="username" required autofocus value="%s"></p>
                  <p><label for="password">Password</label><br>
                  <input id="password" name="password" type="password" autocomplete="current-password" required></p>
                  <p><button type="submit">Sign in</button></p>
                </form>""".formatted(hidden(csrf), escape(email)));
    }

    static String changePassword(CsrfToken csrf, int minLength, String problem) {
        return page("Choose a new password", problem, """
                <p>Your password was set by an administrator. Choose your own before you continue.</p>
                <form method="post" action="/login/password">
                  %s
                  <p><label for="new_password">New password (at least %d characters)</label><br>
                  <input id="new_password" name="new_password" type="password" autocomplete="new-password"
                         minlength="%d" required autofocus></p>
                  <p><label for="confirmation">New password again</label><br>
                  <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required></p>
                  <p><button type="submit">Set password and continue</button></p>
                </form>""".formatted(hidden(csrf), minLength, minLength));
    }

    static String activate(CsrfToken csrf, String email, String userCode) {
        return page("Sign in a device", null, """
                <p>Signed in as <strong>%s</strong>.</p>
                <p>Enter the code your device shows. Only continue if you started this sign-in yourself.</p>
                <form method="post" action="/oauth2/device_verification">
                  %s
                  <p><label for="user_code">Code</label><br>
                  <input id="user_code" name="user_code" autocomplete="off" autocapitalize="characters" required
                         autofocus value="%s"></p>
                  <p><button type="submit">Sign in this device</button>
                  <button type="submit" formaction="/activate/deny">Deny</button></p>
                </form>""".formatted(escape(email), hidden(csrf), escape(userCode)));
    }

    static String message(String title, String text) {
        return page(title, null, "<p>" + escape(text) + "</p>");
    }

    private static String page(String title, String problem, String body) {
        String alert = problem == null ? "" : "<p role=\"alert\"><strong>" + escape(problem) + "</strong></p>\n";
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <link rel="icon" href="/console/favicon.svg" type="image/svg+xml">
                <link rel="stylesheet" href="/console/sign-in.css">
                </head>
                <body>
                <main>
                <h1>%s</h1>
                %s%s
                </main>
                </body>
                </html>
                """.formatted(escape(title), escape(title), alert, body);
    }

    private static String hidden(CsrfToken csrf) {
        return "<input type=\"hidden\" name=\"" + escape(csrf.getParameterName()) + "\" value=\""
                + escape(csrf.getToken()) + "\">";
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
