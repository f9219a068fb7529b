package io.netloom.server.identity.logout;

import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.UserView;
import io.netloom.server.identity.SignedInPerson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a browser session whose person may no longer sign in: blocked or deleted since (offboarding, ADR 0025), or
 * signed out by their provider after they signed in here (ADR 0027). The session forgets them, so the device code
 * page and the authorization endpoint send them to the sign-in page, which refuses them, instead of issuing a code
 * with the old sign-in (the console would otherwise trade it for a token the API refuses, again and again).
 */
public final class EndedSessionFilter extends OncePerRequestFilter {

    private final SignedOutPeople signedOut;
    private final Directory directory;

    public EndedSessionFilter(SignedOutPeople signedOut, Directory directory) {
        this.signedOut = signedOut;
        this.directory = directory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof SignedInPerson person
                && (signedOut.isOver(person.userId(), person.signedInAt()) || mayNoLongerSignIn(person))) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    private boolean mayNoLongerSignIn(SignedInPerson person) {
        return directory.user(person.userId()).map(UserView::blocked).orElse(true);
    }
}
