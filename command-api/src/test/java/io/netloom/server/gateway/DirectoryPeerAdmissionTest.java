package io.netloom.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.account.AccountCreatedEvent;
import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.gateway.PeerDirectory.Admission;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class DirectoryPeerAdmissionTest {

    private static final AccountId ACCOUNT = new AccountId("account-1");
    private static final PeerId LAPTOP = new PeerId("laptop");
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final Directory directory = new Directory();
    private final AnnotationEventHandlerAdapter projection =
            new AnnotationEventHandlerAdapter(new DirectoryProjection(directory));
    private final AtomicInteger catchUps = new AtomicInteger();

    @Test
    void admitWhenKeyUnknownThenUnknownKeyWithoutWaiting() throws Exception {
        apply(new AccountCreatedEvent(ACCOUNT, new UserId("admin"), "", Ipv4Network.DEFAULT, AccountSettings.defaults()));

        Admission admission = admission(() -> true).admit(KEY);

        assertThat(admission.isAdmitted()).isFalse();
        assertThat(admission.unknownKey()).isTrue();
        assertThat(catchUps).hasValue(0);
    }

    @Test
    void admitOnceCurrentWhenEnrollmentArrivesWhileCatchingUpThenAdmitted() throws Exception {
        apply(new AccountCreatedEvent(ACCOUNT, new UserId("admin"), "", Ipv4Network.DEFAULT, AccountSettings.defaults()));
        // Enrolled through another process: this one's directory learns of it while catching up.
        DirectoryPeerAdmission admission = admission(() -> {
            apply(enrolled());
            return true;
        });

        Admission checked = admission.admitOnceCurrent(KEY);

        assertThat(checked.isAdmitted()).isTrue();
        assertThat(checked.identity().peerId()).isEqualTo(LAPTOP);
        assertThat(catchUps).hasValue(1);
    }

    @Test
    void admitOnceCurrentWhenStillUnknownThenRefusedForGood() {
        Admission checked = admission(() -> true).admitOnceCurrent(KEY);

        assertThat(checked.isAdmitted()).isFalse();
        assertThat(checked.unknownKey()).as("the gateway asks once only").isFalse();
        assertThat(checked.refusal()).isEqualTo("no peer is enrolled with this key");
        assertThat(catchUps).hasValue(1);
    }

    @Test
    void admitOnceCurrentWhenModelsStayBehindThenRefusedWithReason() {
        Admission checked = admission(() -> false).admitOnceCurrent(KEY);

        assertThat(checked.isAdmitted()).isFalse();
        assertThat(checked.unknownKey()).isFalse();
        assertThat(checked.refusal()).contains("catching up");
    }

    private DirectoryPeerAdmission admission(CatchUp catchUp) {
        return new DirectoryPeerAdmission(directory, () -> {
            catchUps.incrementAndGet();
            try {
                return catchUp.run();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private void apply(Object event) throws Exception {
        projection.handle(GenericEventMessage.asEventMessage(event));
    }

    private static PeerEnrolledEvent enrolled() {
        return new PeerEnrolledEvent(LAPTOP, ACCOUNT, new WireguardPublicKey(KEY),
                new PeerMetadata("laptop", "linux", "6.1", "test"), "laptop", "100.64.0.1", new DnsLabel("laptop"),
                null, null, false, false, false, Instant.parse("2026-12-01T00:00:00Z"), ExtraDnsLabels.NONE, false);
    }

    private interface CatchUp {
        boolean run() throws Exception;
    }
}
