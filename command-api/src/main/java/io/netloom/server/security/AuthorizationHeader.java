package io.netloom.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The credentials of an {@code Authorization: <scheme> <credentials>} header; the scheme's case does not matter. */
public final class AuthorizationHeader {

    private AuthorizationHeader() {
    }

    /** Empty when the request has no such header or another scheme: then another filter, or none, authenticates. */
    public static Optional<String> credentials(HttpServletRequest request, String scheme) {
        String header = request.getHeader("Authorization");
        String prefix = scheme + " ";
        if (header == null || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(prefix.length()).trim());
    }
}
