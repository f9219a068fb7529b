package io.netloom.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import io.netloom.gateway.GatewayCluster;
import io.netloom.testsupport.MovableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The cluster's store of sign-ins in progress on two real Hazelcast members in one JVM, as two server processes
 * hold them (ADR 0061): what one member saves, the other finds by every token, for as long as the in-memory store
 * would keep it.
 */
class HazelcastAuthorizationsTest {

    private static final RegisteredClient CLI = RegisteredClient.withId("cli").clientId("netloom-cli")
            .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE).build();
    private static final Duration DEVICE_CODE_TTL = Duration.ofMinutes(10);
    private static final OAuth2TokenType USER_CODE = new OAuth2TokenType(OAuth2ParameterNames.USER_CODE);
    private static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);

    private static HazelcastInstance firstMember;
    private static HazelcastInstance secondMember;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final HazelcastAuthorizations onFirst = new HazelcastAuthorizations(firstMember, clock);
    private final HazelcastAuthorizations onSecond = new HazelcastAuthorizations(secondMember, clock);
    /** Ids of this test's own: the members, and so the maps, are shared by all tests of the class. */
    private final String prefix = UUID.randomUUID() + "-";

    @BeforeAll
    static void twoMembers() throws IOException {
        List<String> members = List.of("127.0.0.1:" + freePort(), "127.0.0.1:" + freePort());
        String name = "authorizations-" + UUID.randomUUID();
        firstMember = new GatewayCluster(name, "127.0.0.1", port(members.get(0)), members).startMember();
        secondMember = new GatewayCluster(name, "127.0.0.1", port(members.get(1)), members).startMember();
        assertThat(secondMember.getCluster().getMembers()).hasSize(2);
    }

    @AfterAll
    static void stopMembers() {
        if (secondMember != null) {
            secondMember.shutdown();
        }
        if (firstMember != null) {
            firstMember.shutdown();
        }
    }

    @Test
    void findByTokenWhenSavedOnOneMemberThenFoundOnTheOtherByItsTypeAndAnyTypeButNotAnother() {
        OAuth2Authorization waiting = deviceSignIn("1");
        onFirst.save(waiting);

        assertThat(onSecond.findByToken(prefix + "user-code-1", USER_CODE)).isEqualTo(waiting);
        assertThat(onSecond.findByToken(prefix + "device-code-1", DEVICE_CODE)).isEqualTo(waiting);
        assertThat(onSecond.findByToken(prefix + "device-code-1", null)).isEqualTo(waiting);
        assertThat(onSecond.findByToken(prefix + "user-code-1", DEVICE_CODE)).isNull();
        assertThat(onSecond.findByToken(null, null)).isNull();
        assertThat(onSecond.findById(prefix + "1")).isEqualTo(waiting);
    }

    @Test
    void saveWhenReplacedOnTheOtherMemberThenOnlyItsNewTokensFindIt() {
        onFirst.save(deviceSignIn("1"));
        OAuth2Authorization completed = OAuth2Authorization.from(deviceSignIn("1"))
                .token(new OAuth2UserCode(prefix + "other-user-code", clock.instant(),
                        clock.instant().plus(DEVICE_CODE_TTL)))
                .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, prefix + "access-1",
                        clock.instant(), clock.instant().plus(Duration.ofMinutes(10))))
                .build();

        onSecond.save(completed);

        assertThat(onFirst.findByToken(prefix + "user-code-1", USER_CODE)).isNull();
        assertThat(onFirst.findByToken(prefix + "other-user-code", USER_CODE)).isEqualTo(completed);
        assertThat(onFirst.findByToken(prefix + "access-1", OAuth2TokenType.ACCESS_TOKEN)).isEqualTo(completed);
    }

    @Test
    void saveWhenDeviceSignInThenEveryEntryLivesAsLongAsTheLastTokenAndTheGraceAfterIt() {
        onFirst.save(deviceSignIn("1"));

        long expected = DEVICE_CODE_TTL.plus(AuthorizationLifetime.AFTER_EXPIRY).toMillis();
        assertThat(secondMember.getMap(HazelcastAuthorizations.AUTHORIZATIONS_MAP).getEntryView(prefix + "1").getTtl())
                .isEqualTo(expected);
        assertThat(secondMember.<String, String>getMap(HazelcastAuthorizations.TOKENS_MAP).entrySet().stream()
                .filter(entry -> entry.getValue().equals(prefix + "1"))
                .map(entry -> secondMember.getMap(HazelcastAuthorizations.TOKENS_MAP).getEntryView(entry.getKey())
                        .getTtl()))
                .hasSize(2).containsOnly(expected);
    }

    @Test
    void saveWhenUnfinishedRequestThenKeptAsLongAsAPersonNeedsToSignIn() {
        OAuth2Authorization atTheLoginPage = OAuth2Authorization.withRegisteredClient(CLI).id(prefix + "state-only")
                .principalName("person").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .attribute(OAuth2ParameterNames.STATE, prefix + "state-1").build();

        onFirst.save(atTheLoginPage);

        assertThat(onSecond.findByToken(prefix + "state-1", new OAuth2TokenType(OAuth2ParameterNames.STATE)))
                .isEqualTo(atTheLoginPage);
        assertThat(firstMember.getMap(HazelcastAuthorizations.AUTHORIZATIONS_MAP).getEntryView(prefix + "state-only")
                .getTtl()).isEqualTo(AuthorizationLifetime.UNFINISHED_LIFETIME.toMillis());
    }

    @Test
    void saveWhenItsTokensExpiredLongAgoThenNotKept() {
        OAuth2Authorization old = deviceSignIn("1");
        clock.advance(DEVICE_CODE_TTL.plus(AuthorizationLifetime.AFTER_EXPIRY).plusSeconds(1));

        onFirst.save(old);

        assertThat(onSecond.findById(prefix + "1")).isNull();
    }

    @Test
    void saveWhenApprovedByAPersonThenThePersonTravelsToTheOtherMember() {
        SignedInPerson person = new SignedInPerson(new UserId("user-alice"), new AccountId("account-1"),
                "alice@example.org", clock.instant());
        OAuth2Authorization approved = OAuth2Authorization.from(deviceSignIn("1")).principalName(person.getName())
                .attribute(Principal.class.getName(), person).build();

        onFirst.save(approved);

        SignedInPerson travelled = onSecond.findByToken(prefix + "device-code-1", DEVICE_CODE)
                .getAttribute(Principal.class.getName());
        assertThat(travelled).isEqualTo(person);
        assertThat(travelled.userId()).isEqualTo(person.userId());
        assertThat(travelled.accountId()).isEqualTo(person.accountId());
        assertThat(travelled.signedInAt()).isEqualTo(person.signedInAt());
    }

    @Test
    void saveWhenSavedThenNoKeyOfTheSharedMapsShowsATokenValue() {
        onFirst.save(deviceSignIn("1"));

        assertThat(secondMember.<String, String>getMap(HazelcastAuthorizations.TOKENS_MAP).keySet())
                .noneMatch(key -> key.contains("code-1"));
    }

    @Test
    void removeWhenRemovedOnOneMemberThenNoTokenFindsItOnTheOther() {
        OAuth2Authorization waiting = deviceSignIn("1");
        onFirst.save(waiting);

        onSecond.remove(waiting);

        assertThat(onFirst.findByToken(prefix + "user-code-1", null)).isNull();
        assertThat(onFirst.findById(prefix + "1")).isNull();
    }

    @Test
    void removeAllOfWhenPersonApprovedSignInsThenTheirsForgottenOnEveryMemberOthersKept() {
        String alice = prefix + "user-alice";
        onFirst.save(approvedBy("1", alice));
        onSecond.save(approvedBy("2", alice));
        onFirst.save(approvedBy("3", prefix + "user-bob"));
        onFirst.save(deviceSignIn("4"));

        assertThat(onSecond.removeAllOf(alice)).isEqualTo(2);

        assertThat(onFirst.findByToken(prefix + "device-code-1", DEVICE_CODE)).isNull();
        assertThat(onFirst.findById(prefix + "2")).isNull();
        assertThat(onFirst.findByToken(prefix + "device-code-3", DEVICE_CODE)).isNotNull();
        assertThat(onFirst.findByToken(prefix + "device-code-4", DEVICE_CODE)).isNotNull();
    }

    private OAuth2Authorization approvedBy(String id, String person) {
        return OAuth2Authorization.from(deviceSignIn(id)).principalName(person).build();
    }

    private OAuth2Authorization deviceSignIn(String id) {
        Instant now = clock.instant();
        return OAuth2Authorization.withRegisteredClient(CLI).id(prefix + id).principalName("netloom-cli")
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .token(new OAuth2DeviceCode(prefix + "device-code-" + id, now, now.plus(DEVICE_CODE_TTL)))
                .token(new OAuth2UserCode(prefix + "user-code-" + id, now, now.plus(DEVICE_CODE_TTL)))
                .build();
    }

    private static int port(String member) {
        return Integer.parseInt(member.substring(member.indexOf(':') + 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
