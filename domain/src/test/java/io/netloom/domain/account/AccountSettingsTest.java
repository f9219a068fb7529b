package io.netloom.domain.account;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountSettingsTest {

    private static final Duration DAY = Duration.ofHours(24);
    private static final String DOMAIN = "netloom.internal";

    @Test
    void defaultsWhenCreatedThenMatchNetBirdDefaults() {
        AccountSettings defaults = AccountSettings.defaults();
        assertThat(defaults.peerLoginExpirationEnabled()).isTrue();
        assertThat(defaults.peerLoginExpiration()).isEqualTo(DAY);
        assertThat(defaults.peerInactivityExpirationEnabled()).isFalse();
        assertThat(defaults.peerInactivityExpiration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.regularUsersViewBlocked()).isTrue();
        assertThat(defaults.peerApprovalRequired()).isFalse();
        assertThat(defaults.dnsDomain()).isEqualTo(DOMAIN);
    }

    @Test
    void newWhenExpirationsAtTheBoundsThenAccepted() {
        assertThatCode(() -> loginExpiration(Duration.ofHours(1))).doesNotThrowAnyException();
        assertThatCode(() -> loginExpiration(Duration.ofDays(180))).doesNotThrowAnyException();
        assertThatCode(() -> inactivityExpiration(true, Duration.ofHours(1))).doesNotThrowAnyException();
    }

    @Test
    void newWhenLoginExpirationOutOfRangeThenRejected() {
        String message = "peer login expiration must be between 1 hour and 180 days";
        assertInvalid(() -> loginExpiration(Duration.ofMinutes(59)), message);
        assertInvalid(() -> loginExpiration(Duration.ofDays(180).plusSeconds(1)), message);
    }

    @Test
    void newWhenInactivityExpirationEnabledBelowOneHourThenRejected() {
        assertInvalid(() -> inactivityExpiration(true, Duration.ofMinutes(10)),
                "peer inactivity expiration must be between 1 hour and 180 days");
    }

    @Test
    void newWhenInactivityExpirationDisabledBelowOneHourThenAccepted() {
        assertThatCode(() -> inactivityExpiration(false, Duration.ofMinutes(10))).doesNotThrowAnyException();
    }

    @Test
    void newWhenExpirationNotPositiveThenRejected() {
        assertInvalid(() -> loginExpiration(null), "peer login expiration must be a positive duration");
        assertInvalid(() -> inactivityExpiration(false, Duration.ZERO),
                "peer inactivity expiration must be a positive duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"netloom.internal", "mesh", "a.b.c", "x-1.example"})
    void newWhenDnsDomainValidThenAccepted(String domain) {
        assertThat(withDomain(domain).dnsDomain()).isEqualTo(domain);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Netloom.internal", "netloom.internal.", ".netloom", "a..b", "-a.b", "a-.b", "a_b.c",
        "a b.c"})
    void newWhenDnsDomainInvalidThenRejected(String domain) {
        assertInvalid(() -> withDomain(domain), "DNS domain must be a lowercase DNS name of at most 253 characters");
    }

    @Test
    void newWhenDnsDomainTooLongThenRejected() {
        String label = "a".repeat(63);
        String tooLong = String.join(".", label, label, label, label);
        assertInvalid(() -> withDomain(tooLong), "DNS domain must be a lowercase DNS name of at most 253 characters");
        assertInvalid(() -> withDomain("a".repeat(64) + ".b"),
                "DNS domain must be a lowercase DNS name of at most 253 characters");
    }

    private static AccountSettings loginExpiration(Duration expiration) {
        return new AccountSettings(true, expiration, false, Duration.ofMinutes(10), true, false, DOMAIN);
    }

    private static AccountSettings inactivityExpiration(boolean enabled, Duration expiration) {
        return new AccountSettings(true, DAY, enabled, expiration, true, false, DOMAIN);
    }

    private static AccountSettings withDomain(String domain) {
        return new AccountSettings(true, DAY, false, Duration.ofMinutes(10), true, false, domain);
    }

    @Test
    void newWhenNoJwtGroupsGivenThenSwitchedOff() {
        AccountSettings settings = new AccountSettings(true, DAY, false, DAY, true, false, DOMAIN, null);
        assertThat(settings.jwtGroups()).isEqualTo(JwtGroupsSettings.disabled());
        assertThat(AccountSettings.defaults().jwtGroups().syncsGroups()).isFalse();
    }

    @Test
    void jwtGroupsWhenAllowGroupsRepeatedOrPaddedThenTrimmedAndDistinct() {
        JwtGroupsSettings settings = new JwtGroupsSettings(true, " groups ", java.util.List.of(" Staff", "Staff"));
        assertThat(settings.claimName()).isEqualTo("groups");
        assertThat(settings.allowGroups()).containsExactly("Staff");
        assertThat(settings.syncsGroups()).isTrue();
    }

    @Test
    void jwtGroupsWhenEnabledWithoutClaimNameThenNoSync() {
        assertThat(new JwtGroupsSettings(true, "", null).syncsGroups()).isFalse();
    }

    @Test
    void jwtGroupsWhenAllowGroupBlankThenRejected() {
        assertInvalid(() -> new JwtGroupsSettings(true, "groups", java.util.List.of(" ")),
                "JWT allow group must not be empty");
    }

    @Test
    void jwtGroupsWhenClaimNameOverLongThenRejected() {
        assertInvalid(() -> new JwtGroupsSettings(true, "g".repeat(256), null),
                "JWT groups claim name must be at most 255 characters");
    }
}
