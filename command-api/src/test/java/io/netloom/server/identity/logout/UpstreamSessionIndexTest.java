package io.netloom.server.identity.logout;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpstreamSessionIndexTest {

    private static final AccountId ACCOUNT = AccountId.random();
    private static final UpstreamSessionIndex.Person ALICE = new UpstreamSessionIndex.Person(UserId.random(), ACCOUNT);
    private static final UpstreamSessionIndex.Person BOB = new UpstreamSessionIndex.Person(UserId.random(), ACCOUNT);

    private final UpstreamSessionIndex index = new UpstreamSessionIndex(2);

    @Test
    void bySessionWhenSignedInThroughThatProviderThenThePersonElsewhereNobody() {
        index.signedIn("kc", "alice-sub", Optional.of("sid-1"), ALICE);

        assertThat(index.bySession("kc", "sid-1")).contains(ALICE);
        assertThat(index.bySubject("kc", "alice-sub")).contains(ALICE);
        assertThat(index.bySession("other", "sid-1")).isEmpty();
        assertThat(index.bySession("kc", "alice-sub")).isEmpty();
    }

    @Test
    void signedInWhenBeyondCapacityThenOldestSignInForgottenFirst() {
        index.signedIn("kc", "alice-sub", Optional.of("sid-1"), ALICE);
        index.signedIn("kc", "bob-sub", Optional.of("sid-2"), BOB);

        assertThat(index.bySession("kc", "sid-1")).isEmpty();
        assertThat(index.bySubject("kc", "alice-sub")).isEmpty();
        assertThat(index.bySession("kc", "sid-2")).contains(BOB);
        assertThat(index.bySubject("kc", "bob-sub")).contains(BOB);
    }
}
