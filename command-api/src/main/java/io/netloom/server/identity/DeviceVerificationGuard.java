package io.netloom.server.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A device is signed in only by the person's deliberate confirmation on the code page (RFC 8628
 * section 5.4): a {@code GET} of the verification endpoint (which the authorization server would
 * approve at once for a signed-in person, so a link could do it) is sent to the code page instead,
 * and a {@code POST} must carry the code page's CSRF token. The authorization server exempts its
 * endpoints from Spring Security's CSRF protection, so the check is made here, with the same token.
 */
public final class DeviceVerificationGuard extends OncePerRequestFilter {

    private final String verificationEndpoint;
    private final CsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();
    private final XorCsrfTokenRequestAttributeHandler maskedTokens = new XorCsrfTokenRequestAttributeHandler();

    public DeviceVerificationGuard(String verificationEndpoint) {
        this.verificationEndpoint = verificationEndpoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!verificationEndpoint.equals(request.getServletPath())) {
            chain.doFilter(request, response);
            return;
        }
        if ("GET".equals(request.getMethod())) {
            String userCode = request.getParameter("user_code");
            response.setStatus(303);
            response.setHeader("Location", SignInRoutes.ACTIVATE_PATH
                    + (userCode == null ? "" : "?user_code=" + URLEncoder.encode(userCode, StandardCharsets.UTF_8)));
            return;
        }
        if (!carriesSessionCsrfToken(request)) {
            response.setStatus(403);
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write(SignInPages.message("Device not signed in",
                    "This confirmation did not come from the code page. Open the code page and try again."));
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean carriesSessionCsrfToken(HttpServletRequest request) {
        CsrfToken expected = tokens.loadToken(request);
        if (expected == null) {
            return false;
        }
        String presented = maskedTokens.resolveCsrfTokenValue(request, expected);
        return presented != null && MessageDigest.isEqual(expected.getToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
