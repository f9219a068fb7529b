package io.netloom.server.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.account.AccountCreatedEvent;
import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.domain.policy.PolicyCreatedEvent;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.Protocol;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class ReadModelDigestTest {

    private static final AccountId ACCOUNT = new AccountId("account-1");
    private static final UserId ADMIN = new UserId("admin");
    private static final GroupId ALL = new GroupId("all");
    private static final GroupId OFFICE = new GroupId("office");
    private static final PeerId LAPTOP = new PeerId("laptop");
    private static final PeerId SERVER = new PeerId("server");

    private final EventMessage<?> accountCreated = event(new AccountCreatedEvent(ACCOUNT, ADMIN, "",
            Ipv4Network.DEFAULT, AccountSettings.defaults()));
    private final EventMessage<?> allCreated = event(new GroupCreatedEvent(ALL, ACCOUNT, "All", true, GroupIssuer.API));
    private final EventMessage<?> officeCreated = event(new GroupCreatedEvent(OFFICE, ACCOUNT, "Office", false,
            GroupIssuer.API));
    private final EventMessage<?> laptopEnrolled = enrolled(LAPTOP, 1);
    private final EventMessage<?> serverEnrolled = enrolled(SERVER, 2);
    private final EventMessage<?> laptopInOffice = event(new PeersAddedToGroupEvent(OFFICE, ACCOUNT, Set.of(LAPTOP)));
    private final EventMessage<?> serverInOffice = event(new PeersAddedToGroupEvent(OFFICE, ACCOUNT, Set.of(SERVER)));
    private final EventMessage<?> officeMeshed = event(new PolicyCreatedEvent(new PolicyId("office-mesh"), ACCOUNT,
            "office mesh", "", true, List.of(new PolicyRule(new PolicyRuleId("rule"), "rule", "", true, true,
                    Protocol.ALL, List.of(), Set.of(OFFICE), Set.of(OFFICE)))));

    @Test
    void ofWhenCommutingEventsAppliedInAnotherOrderThenSameDigests() {
        Models storeOrder = Models.after(accountCreated, allCreated, officeCreated, laptopEnrolled, serverEnrolled,
                laptopInOffice, serverInOffice, officeMeshed);
        // Commit order under concurrent writes: the same events, two enrollments and two additions swapped, and the
        // policy before the additions (so the maps change, and count serials, differently on the way).
        Models commitOrder = Models.after(accountCreated, allCreated, officeCreated, serverEnrolled, laptopEnrolled,
                officeMeshed, serverInOffice, laptopInOffice);

        assertThat(storeOrder.digest().differencesFrom(commitOrder.digest())).isEmpty();
        assertThat(storeOrder.digest()).isEqualTo(commitOrder.digest());
    }

    @Test
    void differencesFromWhenAGroupIsMissingThenNamesTheAccountsRecordsOnly() {
        Models all = Models.after(accountCreated, allCreated, officeCreated, laptopEnrolled);
        Models withoutOffice = Models.after(accountCreated, allCreated, laptopEnrolled);

        assertThat(all.digest().differencesFrom(withoutOffice.digest()))
                .containsExactly("account account-1: its records");
    }

    @Test
    void differencesFromWhenAPolicyIsMissingThenNamesTheMapsToo() {
        Models meshed = Models.after(accountCreated, allCreated, officeCreated, laptopEnrolled, serverEnrolled,
                laptopInOffice, serverInOffice, officeMeshed);
        Models unmeshed = Models.after(accountCreated, allCreated, officeCreated, laptopEnrolled, serverEnrolled,
                laptopInOffice, serverInOffice);

        assertThat(meshed.digest().differencesFrom(unmeshed.digest()))
                .containsExactly("account account-1: its records", "account account-1: its network maps");
    }

    @Test
    void differencesFromWhenAKeyIsIndexedInOneOnlyThenNamesTheIndexesAndTheAccount() {
        Models one = Models.after(accountCreated, allCreated, laptopEnrolled);
        Models other = Models.after(accountCreated, allCreated);

        assertThat(one.digest().differencesFrom(other.digest())).containsExactly(
                "the directory's cross-account indexes", "account account-1: its records",
                "account account-1: its network maps");
        assertThat(Models.after().digest().differencesFrom(other.digest()))
                .containsExactly("account account-1 exists in one model only");
    }

    private static EventMessage<?> enrolled(PeerId peer, int host) {
        byte[] key = new byte[32];
        key[0] = (byte) host;
        return event(new PeerEnrolledEvent(peer, ACCOUNT, new WireguardPublicKey(Base64.getEncoder().encodeToString(key)),
                new PeerMetadata(peer.value(), "linux", "6.1", "test"), peer.value(), "100.64.0." + host,
                new DnsLabel(peer.value()), ADMIN, null, false, false, false, Instant.parse("2026-12-01T00:00:00Z"),
                ExtraDnsLabels.NONE, false));
    }

    /** One message per event, applied to every model, so that both see the same identifiers and timestamps. */
    private static EventMessage<?> event(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    private record Models(Directory directory, NetworkMaps maps) {

        static Models after(EventMessage<?>... events) {
            Models models = new Models(new Directory(), new NetworkMaps(false));
            List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>(List.of(
                    new AnnotationEventHandlerAdapter(new DirectoryProjection(models.directory)),
                    new AnnotationEventHandlerAdapter(new NetworkMapProjection(models.maps, false))));
            for (EventMessage<?> event : events) {
                for (AnnotationEventHandlerAdapter handler : handlers) {
                    try {
                        handler.handle(event);
                    } catch (Exception e) {
                        throw new AssertionError("cannot apply " + event.getPayloadType(), e);
                    }
                }
            }
            return models;
        }

        ReadModelDigest digest() {
            return ReadModelDigest.of(directory, maps);
        }
    }
}
