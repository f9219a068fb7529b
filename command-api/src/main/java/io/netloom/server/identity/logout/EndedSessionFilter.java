package io.netloom.server.identity.logout;

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
 * Ends a browser session whose person their provider signed out after they signed in here: the session forgets
 * them, so the device code page and the authorization endpoint send them to sign in again instead of approving a
 * device with the old sign-in.
 */
public final class EndedSessionFilter extends OncePerRequestFilter {

    private final SignedOutPeople signedOut;

    public EndedSessionFilter(SignedOutPeople signedOut) {
        this.signedOut = signedOut;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof SignedInPerson person
                && signedOut.isOver(person.userId(), person.signedInAt())) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }
}
