package io.netloom.server.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2DeviceAuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2DeviceAuthorizationResponseHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The device authorization response (RFC 8628 section 3.2) as the authorization server writes it, and with the
 * {@code interval} that {@link DevicePollPacer} enforces ({@code netloom.identity.device-poll-interval}), stated
 * even at the RFC's default of 5 s. The verification URI is absolute: a relative one would be completed from the
 * request's Host header.
 */
public final class DeviceAuthorizationResponder implements AuthenticationSuccessHandler {

    private final HttpMessageConverter<OAuth2DeviceAuthorizationResponse> converter =
            new OAuth2DeviceAuthorizationResponseHttpMessageConverter();
    private final String verificationUri;
    private final Duration pollInterval;

    public DeviceAuthorizationResponder(String verificationUri, Duration pollInterval) {
        this.verificationUri = verificationUri;
        this.pollInterval = pollInterval;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        OAuth2DeviceAuthorizationRequestAuthenticationToken authorization =
                (OAuth2DeviceAuthorizationRequestAuthenticationToken) authentication;
        OAuth2UserCode userCode = authorization.getUserCode();
        String verificationUriComplete = UriComponentsBuilder.fromUriString(verificationUri)
                .queryParam(OAuth2ParameterNames.USER_CODE, userCode.getTokenValue())
                .build().toUriString();
        converter.write(OAuth2DeviceAuthorizationResponse.with(authorization.getDeviceCode(), userCode)
                        .verificationUri(verificationUri)
                        .verificationUriComplete(verificationUriComplete)
                        .interval(pollInterval.toSeconds())
                        .build(),
                null, new ServletServerHttpResponse(response));
    }
}
