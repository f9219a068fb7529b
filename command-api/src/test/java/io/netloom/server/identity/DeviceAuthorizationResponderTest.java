package io.netloom.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The device authorization response states the configured polling interval (RFC 8628 section 3.2). */
class DeviceAuthorizationResponderTest {

    private static final String VERIFICATION_URI = "https://netloom.example/activate";

    @Test
    void responseWhenIntervalConfiguredThenStatedInSecondsBesideTheCodesAndTheVerificationUris() throws Exception {
        Instant issued = Instant.now();
        OAuth2DeviceAuthorizationRequestAuthenticationToken authorization =
                new OAuth2DeviceAuthorizationRequestAuthenticationToken(
                        new TestingAuthenticationToken("netloom-cli", null), Set.of(),
                        new OAuth2DeviceCode("the-device-code", issued, issued.plusSeconds(600)),
                        new OAuth2UserCode("ABCD-EFGH", issued, issued.plusSeconds(600)));
        MockHttpServletResponse response = new MockHttpServletResponse();

        new DeviceAuthorizationResponder(VERIFICATION_URI, Duration.ofSeconds(1))
                .onAuthenticationSuccess(new MockHttpServletRequest(), response, authorization);

        JsonNode body = new ObjectMapper().readTree(response.getContentAsString());
        assertThat(body.get("interval").asInt()).isEqualTo(1);
        assertThat(body.get("device_code").asString()).isEqualTo("the-device-code");
        assertThat(body.get("user_code").asString()).isEqualTo("ABCD-EFGH");
        assertThat(body.get("verification_uri").asString()).isEqualTo(VERIFICATION_URI);
        assertThat(body.get("verification_uri_complete").asString())
                .isEqualTo(VERIFICATION_URI + "?user_code=ABCD-EFGH");
        assertThat(body.get("expires_in").asInt()).isEqualTo(600);
    }
}
