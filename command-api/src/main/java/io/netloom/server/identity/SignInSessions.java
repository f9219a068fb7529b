package io.netloom.server.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The browser session of a person signing in, whichever way they proved who they are (the embedded store's
 * password or an upstream provider): what makes it signed in or not, and where the person goes next.
 */
final class SignInSessions {

    private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();
    private static final RequestCache SAVED_REQUESTS = new HttpSessionRequestCache();

    private SignInSessions() {
    }

    /**
     * Makes the session signed in as {@code person} and returns where the sign-in continues: the request that
     * asked for it (the CLI's authorization request or the device code page with its code), else the device
     * code page.
     */
    static String signIn(SignedInPerson person, HttpServletRequest request, HttpServletResponse response) {
        save(person, request, response);
        SavedRequest saved = SAVED_REQUESTS.getRequest(request, response);
        SAVED_REQUESTS.removeRequest(request, response);
        return saved == null ? SignInRoutes.ACTIVATE_PATH : saved.getRedirectUrl();
    }

    /** Leaves the session signed in as nobody, undoing what a refused sign-in had already saved. */
    static void signOut(HttpServletRequest request, HttpServletResponse response) {
        save(null, request, response);
    }

    private static void save(Authentication authentication, HttpServletRequest request,
            HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        CONTEXTS.saveContext(context, request, response);
    }
}
