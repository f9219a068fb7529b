package io.netloom.server.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * OIDC clients habitually ask for {@code scope=openid} in a device authorization request (Keycloak
 * answers it with an ID token); the authorization server refuses the whole request for it. A device
 * here needs only its access token, so {@code openid} is taken out of the request instead of failing
 * a standard client: it gets an access token and no ID token.
 */
public final class OpenIdScopeOfDevices {

    private static final String SCOPE = "scope";
    private static final String OPENID = "openid";

    private OpenIdScopeOfDevices() {
    }

    public static AuthenticationConverter ignoredBy(AuthenticationConverter converter) {
        return request -> converter.convert(withoutOpenId(request));
    }

    private static HttpServletRequest withoutOpenId(HttpServletRequest request) {
        String scope = request.getParameter(SCOPE);
        if (scope == null || request.getParameterValues(SCOPE).length != 1) {
            return request;
        }
        String remaining = Arrays.stream(scope.split(" "))
                .filter(value -> !value.isEmpty() && !OPENID.equals(value))
                .collect(Collectors.joining(" "));
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
        if (remaining.isEmpty()) {
            parameters.remove(SCOPE);
        } else {
            parameters.put(SCOPE, new String[] {remaining});
        }
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                String[] values = parameters.get(name);
                return values == null ? null : values[0];
            }

            @Override
            public String[] getParameterValues(String name) {
                return parameters.get(name);
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                return parameters;
            }

            @Override
            public java.util.Enumeration<String> getParameterNames() {
                return java.util.Collections.enumeration(parameters.keySet());
            }
        };
    }
}
