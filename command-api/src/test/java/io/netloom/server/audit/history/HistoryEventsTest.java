package io.netloom.server.audit.history;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class HistoryEventsTest extends ServerTest {

    @Autowired
    private HistoryEvents events;

    @Autowired
    private DataSource dataSource;

    @Test
    void forEachWhenAboutAPairThenOtherPeersOwnEventsAreLeftOutOnTheLinksColumns() {
        NetloomApi.Client owner = accounts.newAccount();
        AccountId account = new AccountId(accountId(owner));
        String key = TestPeers.createReusableKey(owner, List.of());
        String laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
        String server = TestPeers.enroll(api.anonymous(), key, "server");
        String printer = TestPeers.enroll(api.anonymous(), key, "printer");
        createGroup(owner, "printers", printer);
        createGroup(owner, "servers", server, printer);

        List<Object> read = read(account, pair(laptop, server));

        assertThat(read).filteredOn(PeerEnrolledEvent.class::isInstance).map(PeerEnrolledEvent.class::cast)
                .extracting(enrolled -> enrolled.peerId().value()).containsExactly(laptop, server);
        assertThat(read).filteredOn(PeersAddedToGroupEvent.class::isInstance).map(PeersAddedToGroupEvent.class::cast)
                .extracting(added -> added.peerIds().stream().map(PeerId::value).sorted().toList())
                .containsExactly(List.of(printer, server).stream().sorted().toList());
        assertThat(read).hasSizeLessThan(read(account, EventSelection.EVERY_EVENT).size());
    }

    /** A link not filled yet (written before Flyway V6) is read whatever the selection: reading more is never wrong. */
    @Test
    void forEachWhenLinksHaveNoTypeAndPeersYetThenEveryEventIsRead() {
        NetloomApi.Client owner = accounts.newAccount();
        AccountId account = new AccountId(accountId(owner));
        String key = TestPeers.createReusableKey(owner, List.of());
        String laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
        String server = TestPeers.enroll(api.anonymous(), key, "server");
        TestPeers.enroll(api.anonymous(), key, "printer");
        List<Object> every = read(account, EventSelection.EVERY_EVENT);

        new JdbcTemplate(dataSource).update("UPDATE event_chain SET payload_type = NULL, peers = NULL"
                + " WHERE account_id = ?", account.value());

        assertThat(read(account, pair(laptop, server))).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(every);
    }

    private static EventSelection pair(String first, String second) {
        return EventSelection.aboutPair(Set.of(), new PeerId(first), new PeerId(second));
    }

    private List<Object> read(AccountId account, EventSelection selection) {
        List<Object> payloads = new ArrayList<>();
        events.forEach(account, 0, Long.MAX_VALUE, HistoryEvents.END_OF_TIME, selection,
                event -> payloads.add(event.payload()));
        return payloads;
    }
}
