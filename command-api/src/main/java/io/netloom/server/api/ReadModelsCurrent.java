package io.netloom.server.api;

import io.netloom.server.readmodel.ReadModelFreshness;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes across processes (ADR 0055): before an authenticated caller reads, this process's models catch
 * up with every event stored when the request arrived, whichever process stored it — one query for the store's head,
 * then, in the normal case, no wait or the few milliseconds until the next poll. A write answered by another process
 * is thus seen here. Beyond {@link ReadModelFreshness#READER_PATIENCE} the caller is told to try again (503) rather
 * than shown a model that may lack its own change.
 */
@Component
public class ReadModelsCurrent implements HandlerInterceptor {

    private final BooleanSupplier awaitRecentWrites;

    @Autowired
    public ReadModelsCurrent(ReadModelFreshness freshness) {
        this(freshness::awaitRecentWrites);
    }

    ReadModelsCurrent(BooleanSupplier awaitRecentWrites) {
        this.awaitRecentWrites = awaitRecentWrites;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (isRead(request) && isAuthenticated(SecurityContextHolder.getContext().getAuthentication())
                && !awaitRecentWrites.getAsBoolean()) {
            throw new ReadModelsBehindException();
        }
        return true;
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    private static boolean isAuthenticated(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    /** This process's models are further behind the event store than a reader should wait for. */
    static final class ReadModelsBehindException extends RuntimeException {

        ReadModelsBehindException() {
            super("this server is still catching up with recent changes; retry in a few seconds");
        }
    }
}
