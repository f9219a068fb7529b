package io.netloom.server.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.UriUtils;

/**
 * Refuses, before any handler runs, a query parameter the handler does not declare and a parameter
 * given more than once. NetBird ignores both, but an ignored filter is worse than an error: a typo
 * ({@code ?nmae=web}) or a parameter Netloom does not implement (NetBird's {@code ?account=} for
 * impersonation) would silently return or change the caller's whole account instead of what was
 * meant. Only the query string is looked at, never a form body.
 */
@Component
public class QueryParameterGuard implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty() || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        Set<String> accepted = acceptedBy(method);
        Set<String> seen = new HashSet<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String name = decoded(pair.split("=", 2)[0]);
            if (!accepted.contains(name)) {
                throw new InvalidQueryParameterException("unknown query parameter \"" + shortened(name) + "\"; "
                        + (accepted.isEmpty() ? "this path takes none"
                                : "this path takes " + String.join(", ", new TreeSet<>(accepted))));
            }
            if (!seen.add(name)) {
                throw new InvalidQueryParameterException(
                        "query parameter \"" + shortened(name) + "\" is given more than once");
            }
        }
        return true;
    }

    private static Set<String> acceptedBy(HandlerMethod method) {
        return Arrays.stream(method.getMethodParameters())
                .filter(parameter -> parameter.hasParameterAnnotation(RequestParam.class))
                .map(QueryParameterGuard::nameOf)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String nameOf(MethodParameter parameter) {
        RequestParam declared = parameter.getParameterAnnotation(RequestParam.class);
        if (!declared.name().isEmpty()) {
            return declared.name();
        }
        return declared.value().isEmpty() ? parameter.getParameterName() : declared.value();
    }

    private static String decoded(String encodedName) {
        try {
            return UriUtils.decode(encodedName.replace('+', ' '), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidQueryParameterException("query string is not correctly percent-encoded");
        }
    }

    private static String shortened(String userText) {
        String printable = userText.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= 64 ? printable : printable.substring(0, 64) + "…";
    }
}
