package io.netloom.server.readmodel;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.groupNamed;
import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.server.testing.Concurrently;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The live models of the shared test server against a replay of its store. Other tests of that server alter stored
 * events on purpose (EventsApiTest), so these compare the accounts they write to, not the whole store.
 */
class ReadModelCheckTest extends ServerTest {

    private static final int WRITERS = 24;

    @Autowired
    private ReadModelCheck check;
    @Autowired
    private Directory directory;

    @Test
    void runWhenDevicesEnrollAndGroupsAndPoliciesChangeConcurrentlyThenTheLiveModelsEqualAReplay() {
        NetloomApi.Client owner = accounts.newAccount();
        String office = createGroup(owner, "office");
        String key = TestPeers.createReusableKey(owner, List.of(office));
        createPolicy(owner, "office mesh", List.of(office), List.of(office));

        Concurrently.run(WRITERS, writer -> switch (writer % 3) {
            case 0 -> TestPeers.enroll(api.anonymous(), key, "box-" + writer);
            case 1 -> createGroup(owner, "team-" + writer);
            default -> ok(owner.put("/api/groups/{groupId}", TestData.group("office",
                    List.of()), office)).rawBody();
        });

        ReadModelCheck.Result result = check.run();

        assertThat(result.outcome()).isNotEqualTo(ReadModelCheck.Outcome.NO_QUIET_MOMENT);
        assertThat(result.eventsReplayed()).isGreaterThan(WRITERS);
        String account = accountId(owner);
        assertThat(result.live().accounts()).containsKey(account);
        assertThat(result.differences()).noneMatch(difference -> difference.contains(account));
    }

    @Test
    void runWhenTheLiveDirectoryHoldsWhatNoEventSaysThenNamesThatAccount() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        createGroup(owner, "office");
        AccountId account = new AccountId(accountId(owner));
        // Straight into the live model, past the store: what a lost or doubled event would leave behind.
        new AnnotationEventHandlerAdapter(new DirectoryProjection(directory)).handle(GenericEventMessage.asEventMessage(
                new GroupCreatedEvent(GroupId.random(), account, "phantom", false, GroupIssuer.API)));
        assertThat(groupNamed(owner, "phantom")).isNotNull();

        ReadModelCheck.Result result = check.run();

        assertThat(result.outcome()).isEqualTo(ReadModelCheck.Outcome.DIFFERENT);
        assertThat(result.differences()).contains("account " + account.value() + ": its records");
        assertThat(result.live().accounts().get(account.value()))
                .isNotEqualTo(result.replayed().accounts().get(account.value()));
        assertThat(result.live().maps().get(account.value())).isEqualTo(result.replayed().maps().get(account.value()));
    }
}
