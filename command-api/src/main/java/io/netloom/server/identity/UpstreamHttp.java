package io.netloom.server.identity;

import java.net.http.HttpClient;
import java.util.List;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The calls Netloom makes to a provider during a person's sign-in (the code exchange and userinfo), with the time
 * limits of discovery: Spring's clients would wait for a provider that accepts connections and never answers as
 * long as the person's browser waits. A time-out is a failed sign-in with a page saying so (ADR 0022).
 */
final class UpstreamHttp {

    private UpstreamHttp() {
    }

    static RestClientAuthorizationCodeTokenResponseClient tokenClient() {
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        // Spring's own converters and error handler for the token endpoint, on a factory with time limits.
        client.setRestClient(RestClient.builder()
                .requestFactory(requestFactory())
                .messageConverters(List.of(new FormHttpMessageConverter(),
                        new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        return client;
    }

    static OidcUserService userService() {
        RestTemplate rest = new RestTemplate(requestFactory());
        rest.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
        DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
        userInfo.setRestOperations(rest);
        OidcUserService oidc = new OidcUserService();
        oidc.setOauth2UserService(userInfo);
        return oidc;
    }

    private static ClientHttpRequestFactory requestFactory() {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(LazyClientRegistrations.CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        factory.setReadTimeout(LazyClientRegistrations.REQUEST_TIMEOUT);
        return factory;
    }
}
