package io.netloom.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** RFC 8628 section 3.5 at the configured {@code netloom.identity.device-poll-interval}, on a clock the test moves. */
class DevicePollPacerTest {

    private static final String TOKEN_ENDPOINT = "/oauth2/token";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T12:00:00Z"));

    @Test
    void pollWhenSoonerThanTheConfiguredIntervalThenSlowDownAndWhenAfterItThenPassedOn() throws Exception {
        DevicePollPacer pacer = new DevicePollPacer(TOKEN_ENDPOINT, Duration.ofSeconds(1), clock);

        assertThat(poll(pacer, "code-1").getStatus()).isEqualTo(200);
        clock.advance(Duration.ofMillis(999));
        MockHttpServletResponse tooSoon = poll(pacer, "code-1");
        assertThat(tooSoon.getStatus()).isEqualTo(400);
        assertThat(tooSoon.getContentAsString()).contains("\"error\":\"slow_down\"").contains("every 1 s");
        // The interval counts from the refused poll too.
        clock.advance(Duration.ofMillis(999));
        assertThat(poll(pacer, "code-1").getStatus()).isEqualTo(400);
        clock.advance(Duration.ofSeconds(1));
        assertThat(poll(pacer, "code-1").getStatus()).isEqualTo(200);
    }

    @Test
    void pollWhenAtTheDefaultIntervalThenASecondIsTooSoon() throws Exception {
        DevicePollPacer pacer = new DevicePollPacer(TOKEN_ENDPOINT, Duration.ofSeconds(5), clock);

        assertThat(poll(pacer, "code-1").getStatus()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(poll(pacer, "code-1").getContentAsString()).contains("slow_down").contains("every 5 s");
        clock.advance(Duration.ofSeconds(5));
        assertThat(poll(pacer, "code-1").getStatus()).isEqualTo(200);
    }

    @Test
    void pollWhenAnotherDeviceCodeOrAnotherGrantThenNotPaced() throws Exception {
        DevicePollPacer pacer = new DevicePollPacer(TOKEN_ENDPOINT, Duration.ofSeconds(1), clock);

        assertThat(poll(pacer, "code-1").getStatus()).isEqualTo(200);
        assertThat(poll(pacer, "code-2").getStatus()).isEqualTo(200);
        MockHttpServletRequest codeGrant = tokenRequest("code-1");
        codeGrant.setParameter("grant_type", "authorization_code");
        MockHttpServletResponse response = new MockHttpServletResponse();
        pacer.doFilter(codeGrant, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private static MockHttpServletResponse poll(DevicePollPacer pacer, String deviceCode) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        pacer.doFilter(tokenRequest(deviceCode), response, new MockFilterChain());
        return response;
    }

    private static MockHttpServletRequest tokenRequest(String deviceCode) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", TOKEN_ENDPOINT);
        request.setServletPath(TOKEN_ENDPOINT);
        request.setParameter("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
        request.setParameter("device_code", deviceCode);
        request.setParameter("client_id", "netloom-cli");
        return request;
    }
}
