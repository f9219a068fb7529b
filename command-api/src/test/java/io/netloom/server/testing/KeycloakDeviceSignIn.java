package io.netloom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.testsupport.keycloak.KeycloakBrowser;
import io.netloom.testsupport.keycloak.Person;
import java.net.URI;

/**
 * A person signs a device in to Netloom through an upstream Keycloak provider (ADR 0022): the device flow against
 * Netloom, the person's browser on Netloom's pages, Keycloak's login form, and back. What a federated user's first
 * (or next) sign-in looks like to a test.
 */
public final class KeycloakDeviceSignIn {

    private final PersonSignIn people;
    private final String providerId;
    private final URI issuer;

    public KeycloakDeviceSignIn(PersonSignIn people, String providerId, URI issuer) {
        this.people = people;
        this.providerId = providerId;
        this.issuer = issuer;
    }

    /** Returns the device's access token from Netloom. */
    public String signIn(Person person) {
        PersonSignIn.Answer device = people.deviceAuthorization();
        assertThat(device.status()).as(String.valueOf(device.body())).isEqualTo(200);
        PersonSignIn.Browser browser = people.browser();
        PersonSignIn.approve(browser, signedInAtNetloom(browser, device, person), device.text("user_code"));
        PersonSignIn.Answer token = people.poll(device.text("device_code"));
        assertThat(token.status()).as(String.valueOf(token.body())).isEqualTo(200);
        return token.text("access_token");
    }

    /** The person opens the device's code link and signs in at Keycloak; returns Netloom's code page. */
    public PersonSignIn.Page signedInAtNetloom(PersonSignIn.Browser browser, PersonSignIn.Answer device,
            Person person) {
        PersonSignIn.Page toLogin = browser.get(device.text("verification_uri_complete"));
        assertThat(toLogin.location()).endsWith("/login");
        PersonSignIn.Page back = browser.get(callback(browser, person).toString());
        assertThat(back.status()).as(back.body()).isEqualTo(303);
        assertThat(back.location()).contains("/activate").contains("user_code=");
        return browser.follow(back);
    }

    /** The person picks the provider on Netloom's sign-in page and signs in there; where Keycloak sends them back. */
    public URI callback(PersonSignIn.Browser browser, Person person) {
        PersonSignIn.Page redirect = browser.get("/oauth2/authorization/" + providerId);
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        assertThat(redirect.location()).startsWith(issuer.toString());
        URI callback = new KeycloakBrowser(person).authorizeUntilCallback(URI.create(redirect.location()));
        assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/" + providerId);
        return callback;
    }
}
