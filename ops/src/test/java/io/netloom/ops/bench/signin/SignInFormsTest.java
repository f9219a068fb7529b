package io.netloom.ops.bench.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignInFormsTest {

    @Test
    void csrfWhenPageCarriesEscapedTokenThenUnescapedToken() {
        String page = "<form><input type=\"hidden\" name=\"_csrf\" value=\"ab&#45;cd_ef\">\n<input name=\"user_code\"></form>";

        assertThat(SignInForms.csrf(page)).isEqualTo("ab-cd_ef");
    }

    @Test
    void csrfWhenPageHasNoFormThenFailsNamingThePage() {
        assertThatThrownBy(() -> SignInForms.csrf("<p>Sign-in refused</p>"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Sign-in refused");
    }

    @Test
    void sessionCookieWhenSetAmongOthersThenItsValue() {
        assertThat(SignInForms.sessionCookie(List.of("theme=dark; Path=/", "JSESSIONID=4F2A; Path=/; Secure; HttpOnly")))
                .contains("4F2A");
    }

    @Test
    void sessionCookieWhenNoneOrEmptyThenEmpty() {
        assertThat(SignInForms.sessionCookie(List.of("theme=dark", "JSESSIONID=; Max-Age=0"))).isEmpty();
    }

    @Test
    void formBodyWhenValuesNeedEscapingThenUrlEncoded() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", "a+b@example.org");
        form.put("password", "two words&more");

        assertThat(SignInForms.formBody(form)).isEqualTo("email=a%2Bb%40example.org&password=two+words%26more");
    }
}
