package io.netloom.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.netloom.testsupport.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class ExpiringAuthorizationsTest {

    private static final RegisteredClient CLI = RegisteredClient.withId("cli").clientId("netloom-cli")
            .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE).build();
    private static final Duration DEVICE_CODE_TTL = Duration.ofMinutes(10);
    private static final OAuth2TokenType USER_CODE = new OAuth2TokenType(OAuth2ParameterNames.USER_CODE);
    private static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final ExpiringAuthorizations authorizations = new ExpiringAuthorizations(clock);

    @Test
    void findByTokenWhenSavedThenFoundByItsOwnTypeAndByAnyTypeButNotByAnother() {
        OAuth2Authorization waiting = deviceSignIn("1");
        authorizations.save(waiting);

        assertThat(authorizations.findByToken("user-code-1", USER_CODE)).isEqualTo(waiting);
        assertThat(authorizations.findByToken("device-code-1", DEVICE_CODE)).isEqualTo(waiting);
        assertThat(authorizations.findByToken("device-code-1", null)).isEqualTo(waiting);
        assertThat(authorizations.findByToken("user-code-1", DEVICE_CODE)).isNull();
        assertThat(authorizations.findById("1")).isEqualTo(waiting);
    }

    @Test
    void saveWhenAuthorizationReplacedThenOnlyItsNewTokensFindIt() {
        authorizations.save(deviceSignIn("1"));
        OAuth2Authorization completed = OAuth2Authorization.from(deviceSignIn("1"))
                .token(new OAuth2UserCode("other-user-code", clock.instant(), clock.instant().plus(DEVICE_CODE_TTL)))
                .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-1", clock.instant(),
                        clock.instant().plus(Duration.ofMinutes(10))))
                .build();

        authorizations.save(completed);

        assertThat(authorizations.findByToken("user-code-1", USER_CODE)).isNull();
        assertThat(authorizations.findByToken("other-user-code", USER_CODE)).isEqualTo(completed);
        assertThat(authorizations.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN)).isEqualTo(completed);
        assertThat(authorizations.size()).isEqualTo(1);
    }

    @Test
    void findByTokenWhenTheDeviceCodeJustExpiredThenStillFoundSoTheDeviceHearsExpiredToken() {
        authorizations.save(deviceSignIn("1"));

        clock.advance(DEVICE_CODE_TTL.plusSeconds(5));

        assertThat(authorizations.findByToken("device-code-1", DEVICE_CODE)).isNotNull();
    }

    @Test
    void findByTokenWhenTheLastTokenExpiredLongAgoThenForgotten() {
        authorizations.save(deviceSignIn("1"));

        clock.advance(DEVICE_CODE_TTL.plus(AuthorizationLifetime.AFTER_EXPIRY).plusSeconds(1));

        assertThat(authorizations.findByToken("device-code-1", DEVICE_CODE)).isNull();
        assertThat(authorizations.findById("1")).isNull();
        assertThat(authorizations.size()).isZero();
    }

    @Test
    void saveWhenEarlierSignInsExpiredThenTheyAreSweptWithoutBeingLookedUp() {
        for (int i = 0; i < 50; i++) {
            authorizations.save(deviceSignIn("old-" + i));
        }
        clock.advance(DEVICE_CODE_TTL.plus(AuthorizationLifetime.AFTER_EXPIRY).plusSeconds(1));

        authorizations.save(deviceSignIn("new"));

        assertThat(authorizations.size()).isEqualTo(1);
    }

    @Test
    void findByIdWhenAnUnfinishedRequestWaitedLongerThanAPersonNeedsThenForgotten() {
        OAuth2Authorization atTheLoginPage = OAuth2Authorization.withRegisteredClient(CLI).id("state-only")
                .principalName("person").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .attribute(OAuth2ParameterNames.STATE, "state-1").build();
        authorizations.save(atTheLoginPage);
        assertThat(authorizations.findByToken("state-1", new OAuth2TokenType(OAuth2ParameterNames.STATE)))
                .isEqualTo(atTheLoginPage);

        clock.advance(AuthorizationLifetime.UNFINISHED_LIFETIME.plusSeconds(1));

        assertThat(authorizations.findById("state-only")).isNull();
    }

    @Test
    void saveWhenAHundredAndOneSignInsWaitThenTheFirstIsStillFound() {
        for (int i = 0; i <= 100; i++) {
            authorizations.save(deviceSignIn(Integer.toString(i)));
        }

        assertThat(authorizations.findByToken("user-code-0", USER_CODE)).isNotNull();
    }

    @Test
    void saveWhenOverCapacityThenTheOldestSignInIsPushedOut() {
        ExpiringAuthorizations small = new ExpiringAuthorizations(clock, 3);
        for (int i = 0; i < 4; i++) {
            small.save(deviceSignIn(Integer.toString(i)));
        }

        assertThat(small.findByToken("user-code-0", USER_CODE)).isNull();
        assertThat(small.findByToken("user-code-1", USER_CODE)).isNotNull();
        assertThat(small.size()).isEqualTo(3);
    }

    @Test
    void saveAndFindWhenManyDevicesSignInAtOnceThenEveryOneIsFound() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> devices = new ArrayList<>();
            for (int device = 0; device < 8; device++) {
                int first = device * 500;
                devices.add(() -> {
                    for (int i = first; i < first + 500; i++) {
                        authorizations.save(deviceSignIn(Integer.toString(i)));
                        if (authorizations.findByToken("user-code-" + i, USER_CODE) == null) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> found : pool.invokeAll(devices)) {
                assertThat(found.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(authorizations.size()).isEqualTo(4_000);
    }

    @Test
    void removeWhenRemovedThenNoTokenFindsIt() {
        OAuth2Authorization waiting = deviceSignIn("1");
        authorizations.save(waiting);

        authorizations.remove(waiting);

        assertThat(authorizations.findByToken("user-code-1", null)).isNull();
        assertThat(authorizations.findById("1")).isNull();
    }

    @Test
    void removeAllOfWhenPersonApprovedDeviceSignInsThenTheirsForgottenOthersKept() {
        authorizations.save(approvedBy("1", "user-alice"));
        authorizations.save(approvedBy("2", "user-alice"));
        authorizations.save(approvedBy("3", "user-bob"));
        authorizations.save(deviceSignIn("4"));

        assertThat(authorizations.removeAllOf("user-alice")).isEqualTo(2);

        assertThat(authorizations.findByToken("device-code-1", DEVICE_CODE)).isNull();
        assertThat(authorizations.findById("2")).isNull();
        assertThat(authorizations.findByToken("device-code-3", DEVICE_CODE)).isNotNull();
        assertThat(authorizations.findByToken("device-code-4", DEVICE_CODE)).isNotNull();
        assertThat(authorizations.size()).isEqualTo(2);
    }

    private OAuth2Authorization approvedBy(String id, String person) {
        return OAuth2Authorization.from(deviceSignIn(id)).principalName(person).build();
    }

    private OAuth2Authorization deviceSignIn(String id) {
        Instant now = clock.instant();
        return OAuth2Authorization.withRegisteredClient(CLI).id(id).principalName("netloom-cli")
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .token(new OAuth2DeviceCode("device-code-" + id, now, now.plus(DEVICE_CODE_TTL)))
                .token(new OAuth2UserCode("user-code-" + id, now, now.plus(DEVICE_CODE_TTL)))
                .build();
    }
}
