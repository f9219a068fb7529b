package io.netloom.domain.user;

import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.NOW;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.user.TestUsers.NAME;
import static io.netloom.domain.user.TestUsers.USER;
import static io.netloom.domain.user.TestUsers.created;

import io.netloom.domain.common.CommandRejectedException;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserSignInTest {

    private static final String ARGON2 = "$argon2id$v=19$m=16384,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void setLocalPasswordWhenArgon2HashThenPasswordSetWithHashOnly() {
        fixture.given(created())
                .when(new SetLocalPasswordCommand(USER, ACCOUNT, ARGON2, true))
                .expectEvents(new LocalPasswordSetEvent(USER, ACCOUNT, ARGON2, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "correct horse battery staple", "sha256:abc", "argon2id$v=19"})
    void setLocalPasswordWhenNotAnEncodedHashThenRejectedWithoutEchoingIt(String notAHash) {
        fixture.given(created())
                .when(new SetLocalPasswordCommand(USER, ACCOUNT, notAHash, true))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("password hash must be an encoded Argon2id or bcrypt hash");
    }

    @Test
    void setLocalPasswordWhenServiceUserThenRejected() {
        fixture.given(new UserCreatedEvent(USER, ACCOUNT, "", NAME, Role.USER, true, Set.of(), UserIssuer.API))
                .when(new SetLocalPasswordCommand(USER, ACCOUNT, ARGON2, true))
                .expectException(CommandRejectedException.class);
    }

    @Test
    void recordSignInWhenFirstForThisSubjectThenFirstSignInAndThenNotAgain() {
        fixture.given(created())
                .when(new RecordUserSignInCommand(USER, ACCOUNT, "embedded", USER.value(), NOW))
                .expectEvents(new UserSignedInEvent(USER, ACCOUNT, "embedded", USER.value(), true, NOW));
        fixture.given(created(), new UserSignedInEvent(USER, ACCOUNT, "embedded", USER.value(), true, NOW))
                .when(new RecordUserSignInCommand(USER, ACCOUNT, "embedded", USER.value(), NOW.plusSeconds(60)))
                .expectEvents(new UserSignedInEvent(USER, ACCOUNT, "embedded", USER.value(), false, NOW.plusSeconds(60)));
    }

    @Test
    void recordSignInWhenBlockedThenRejected() {
        fixture.given(created(), new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN))
                .when(new RecordUserSignInCommand(USER, ACCOUNT, "embedded", USER.value(), NOW))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("the user is blocked");
    }

    @Test
    void recordSignInWhenServiceUserThenRejected() {
        fixture.given(new UserCreatedEvent(USER, ACCOUNT, "", NAME, Role.USER, true, Set.of(), UserIssuer.API))
                .when(new RecordUserSignInCommand(USER, ACCOUNT, "embedded", USER.value(), NOW))
                .expectException(CommandRejectedException.class);
    }

    @Test
    void recordSignInWhenOtherAccountThenRejected() {
        fixture.given(created())
                .when(new RecordUserSignInCommand(USER, OTHER_ACCOUNT, "embedded", USER.value(), NOW))
                .expectException(CommandRejectedException.class);
    }

    @Test
    void recordSignInWhenSubjectBlankThenRejected() {
        fixture.given(created())
                .when(new RecordUserSignInCommand(USER, ACCOUNT, "embedded", " ", NOW))
                .expectException(CommandRejectedException.class);
    }
}
