package io.netloom.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

class ReadModelsCurrentTest {

    private final AtomicInteger waits = new AtomicInteger();

    @AfterEach
    void forgetCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void preHandleWhenAuthenticatedReadThenWaitsOnceAndProceeds() {
        authenticated();

        assertThat(interceptor(true).preHandle(request("GET"), new MockHttpServletResponse(), new Object())).isTrue();
        assertThat(waits).hasValue(1);
    }

    @Test
    void preHandleWhenModelsStayBehindThenBehindExceptionForA503() {
        authenticated();

        assertThatThrownBy(() -> interceptor(false).preHandle(request("GET"), new MockHttpServletResponse(),
                new Object())).isInstanceOf(ReadModelsCurrent.ReadModelsBehindException.class)
                .hasMessageContaining("catching up");
    }

    @Test
    void preHandleWhenWriteThenNoWait() {
        authenticated();

        for (String method : List.of("POST", "PUT", "DELETE")) {
            assertThat(interceptor(false).preHandle(request(method), new MockHttpServletResponse(), new Object()))
                    .isTrue();
        }
        assertThat(waits).hasValue(0);
    }

    @Test
    void preHandleWhenAnonymousOrNoCallerThenNoWait() {
        assertThat(interceptor(false).preHandle(request("GET"), new MockHttpServletResponse(), new Object())).isTrue();
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymous",
                List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));
        assertThat(interceptor(false).preHandle(request("GET"), new MockHttpServletResponse(), new Object())).isTrue();
        assertThat(waits).hasValue(0);
    }

    private ReadModelsCurrent interceptor(boolean caughtUp) {
        return new ReadModelsCurrent(() -> {
            waits.incrementAndGet();
            return caughtUp;
        });
    }

    private static void authenticated() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
    }

    private static MockHttpServletRequest request(String method) {
        return new MockHttpServletRequest(method, "/api/groups");
    }
}
