package io.netloom.server.audit.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.history.EventRef;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every form an event's actor is recorded in is cited by its type, never refused (names come from the directory). */
class EventCitationsTest {

    private static final AccountId ACCOUNT = new AccountId("account-1");

    private final EventCitations citations = new EventCitations(new Directory(), null);

    @Test
    void citeWhenAUserActedThroughATokenThenTheTokenOnBehalfOfTheUser() {
        CitedEvent.Actor actor = actorOf(EventCitations.throughToken("token-1", "user-1"));

        assertThat(actor.type()).isEqualTo("token");
        assertThat(actor.id()).isEqualTo("token-1");
        assertThat(actor.onBehalfOf()).isEqualTo(new CitedEvent.Actor("user", "user-1", ""));
    }

    @Test
    void citeWhenAScimClientActedThenItsToken() {
        assertThat(actorOf("scim:token-2")).isEqualTo(new CitedEvent.Actor("scim_token", "token-2", ""));
    }

    @Test
    void citeWhenTheSystemActedThenNetloom() {
        assertThat(actorOf("system")).isEqualTo(new CitedEvent.Actor("system", "system", "Netloom"));
    }

    @Test
    void citeWhenTheActorIsNoWellFormedIdThenAUserKnownByThatIdAlone() {
        assertThat(actorOf("not an id")).isEqualTo(new CitedEvent.Actor("user", "not an id", ""));
    }

    private CitedEvent.Actor actorOf(String recorded) {
        return citations.cite(ACCOUNT, new EventRef(1, Instant.EPOCH, "event-1", "GroupCreated", recorded, "Group",
                "group-1")).actor();
    }
}
