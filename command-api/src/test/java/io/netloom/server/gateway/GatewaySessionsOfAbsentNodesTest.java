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
import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class GatewaySessionsOfAbsentNodesTest {

    private static final AccountId ACCOUNT = new AccountId("account-1");
    private static final Instant AT = Instant.parse("2026-12-06T12:00:00Z");

    private final Directory directory = new Directory();
    private final AnnotationEventHandlerAdapter projection =
            new AnnotationEventHandlerAdapter(new DirectoryProjection(directory));

    @Test
    void inWhenSessionsAreOnLiveAndGoneNodesThenOnlyThoseOfGoneNodesAndOfNoNode() throws Exception {
        apply(new AccountCreatedEvent(ACCOUNT, new UserId("owner"), "", Ipv4Network.DEFAULT, AccountSettings.defaults()));
        connected(enrolled("on-live", 1), "node-a:1");
        connected(enrolled("on-gone", 2), "node-b:2");
        connected(enrolled("before-nodes", 3), "3b9e8f3c-4a55-4c1e-9f0e-2a1f6d7c8b90");
        enrolled("never-connected", 4);

        assertThat(GatewaySessionsOfAbsentNodes.in(directory, Set.of("node-a", "node-c")))
                .extracting(open -> open.peer().peerId().value() + " " + open.sessionId())
                .containsExactlyInAnyOrder("on-gone node-b:2", "before-nodes 3b9e8f3c-4a55-4c1e-9f0e-2a1f6d7c8b90");
        assertThat(GatewaySessionsOfAbsentNodes.in(directory, Set.of("node-a", "node-b"))).hasSize(1);
    }

    private PeerId enrolled(String name, int host) throws Exception {
        PeerId peer = new PeerId(name);
        byte[] key = new byte[32];
        key[0] = (byte) host;
        apply(new PeerEnrolledEvent(peer, ACCOUNT, new WireguardPublicKey(Base64.getEncoder().encodeToString(key)),
                new PeerMetadata(name, "linux", "6.1", "test"), name, "100.64.0." + host, new DnsLabel(name),
                new UserId("owner"), null, false, false, false, AT, ExtraDnsLabels.NONE, false));
        return peer;
    }

    private void connected(PeerId peer, String sessionId) throws Exception {
        apply(new PeerConnectedEvent(peer, ACCOUNT, sessionId, "203.0.113.7", "0.1.0", AT));
    }

    private void apply(Object event) throws Exception {
        projection.handle(GenericEventMessage.asEventMessage(event));
    }
}
