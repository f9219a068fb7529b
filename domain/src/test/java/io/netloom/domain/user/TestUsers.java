package io.netloom.domain.user;

import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.NOW;
import static io.netloom.domain.TestData.sha256;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import java.time.Duration;
import java.util.Set;

final class TestUsers {

    static final UserId USER = new UserId("user-1");
    static final UserId ADMIN = new UserId("admin-1");
    static final String EMAIL = "alice@example.com";
    static final String NAME = "Alice";
    static final GroupId DEVS = new GroupId("group-devs");
    static final GroupId OPS = new GroupId("group-ops");
    static final TokenId TOKEN = new TokenId("token-1");
    static final String TOKEN_HASH = sha256('a');

    private TestUsers() {
    }

    static UserCreatedEvent created(Role role) {
        return new UserCreatedEvent(USER, ACCOUNT, EMAIL, NAME, role, false, Set.of(DEVS), UserIssuer.API);
    }

    static UserCreatedEvent created() {
        return created(Role.USER);
    }

    static UserCreatedEvent createdOwner() {
        return created(Role.OWNER);
    }

    static CreateUserCommand create(String email, String name, boolean serviceUser) {
        return new CreateUserCommand(USER, ACCOUNT, email, name, Role.USER, serviceUser, Set.of(DEVS));
    }

    /** An update that restates a freshly created regular user, i.e. changes nothing. */
    static UpdateUserCommand update(Role role, boolean blocked) {
        return new UpdateUserCommand(USER, ACCOUNT, role, Set.of(DEVS), blocked);
    }

    static CreatePersonalAccessTokenCommand createToken() {
        return new CreatePersonalAccessTokenCommand(USER, ACCOUNT, TOKEN, "ci", TOKEN_HASH, NOW,
                NOW.plus(Duration.ofDays(30)), ADMIN);
    }

    static PersonalAccessTokenCreatedEvent tokenCreated() {
        return new PersonalAccessTokenCreatedEvent(USER, ACCOUNT, TOKEN, "ci", TOKEN_HASH, NOW,
                NOW.plus(Duration.ofDays(30)), ADMIN);
    }
}
