package io.netloom.mapsigning;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.protocol.MerkleBatch;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.Wire;
import io.netloom.projections.networkmap.NetworkMaps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignedMapsTest {

    private final TestAccount account = new TestAccount();
    private final List<SignedMaps> started = new ArrayList<>();

    @AfterEach
    void close() {
        started.forEach(SignedMaps::close);
    }

    @Test
    void fullMapWhenPeerKnownThenSignedForItAtCurrentSerial() {
        PeerId a = account.enroll("a");
        SignedMaps signed = start(1);

        SignedMapMessage map = signed.fullMap(TestAccount.ACCOUNT, a).orElseThrow();

        assertThat(map.isFullMap()).isTrue();
        assertThat(map.serial()).isEqualTo(account.maps.mapOf(TestAccount.ACCOUNT, a).orElseThrow().serial());
        assertThat(account.verifiesFor(map, a)).isTrue();
        assertThat(signed.fullMap(TestAccount.ACCOUNT, new PeerId("nobody"))).isEmpty();
    }

    @Test
    void fullMapWhenSignedThenNamesItsModelInsideTheSignedBytes() throws Exception {
        PeerId a = account.enroll("a");
        SignedMaps signed = start(1);

        SignedMapMessage map = signed.fullMap(TestAccount.ACCOUNT, a).orElseThrow();
        SignedMapEnvelope.Opened opened = SignedMapEnvelope.open(map.text());
        SignedMapMessage otherModel = new SignedMapMessage(map.baseSerial(), map.serial(),
                map.text().replace(account.maps.modelId(), "another-model"));

        assertThat(Wire.read(opened.json()).get("model").asText()).isEqualTo(account.maps.modelId())
                .isEqualTo(signed.modelId());
        assertThat(account.verifiesFor(otherModel, a)).isFalse();
    }

    @Test
    void modelIdWhenTwoModelsThenDifferent() {
        assertThat(new NetworkMaps().modelId()).isNotEqualTo(new NetworkMaps().modelId());
    }

    @Test
    void deltasSinceWhenPeerMissedChangesThenEachSignedInOrder() {
        PeerId a = account.enroll("a");
        long held = account.maps.mapOf(TestAccount.ACCOUNT, a).orElseThrow().serial();
        account.enroll("b");
        account.enroll("c");
        SignedMaps signed = start(1);

        List<SignedMapMessage> missed = signed.deltasSince(TestAccount.ACCOUNT, a, held).orElseThrow();

        assertThat(missed).extracting(SignedMapMessage::baseSerial).containsExactly(held, held + 1);
        assertThat(missed).allMatch(message -> account.verifiesFor(message, a));
    }

    @Test
    void subscribeWhenMapsChangeThenWantedPeersGetSignedDeltasOthersNothing() throws Exception {
        PeerId a = account.enroll("a");
        PeerId b = account.enroll("b");
        SignedMaps signed = start(1);
        Recorder recorder = new Recorder(Set.of(a));
        signed.subscribe(recorder);

        account.enroll("c");

        SignedMapMessage delta = recorder.next();
        assertThat(delta.isFullMap()).isFalse();
        assertThat(delta.text()).contains("\"c\"");
        assertThat(account.verifiesFor(delta, a)).isTrue();
        assertThat(recorder.received.poll(200, TimeUnit.MILLISECONDS)).as("nothing for unwanted peers").isNull();
        assertThat(recorder.peers).containsOnly(a).doesNotContain(b);
    }

    @Test
    void subscribeWhenLargeChangesSignedInParallelThenEveryPeerGetsItsDeltasInSerialOrder() throws Exception {
        List<PeerId> peers = new ArrayList<>();
        for (int i = 0; i < MerkleBatch.MAX_LEAVES * 2 + 5; i++) {
            peers.add(account.enroll("p" + i));
        }
        SignedMaps signed = start(2);
        Recorder recorder = new Recorder(Set.copyOf(peers));
        signed.subscribe(recorder);
        int changes = 5;

        for (int i = 0; i < changes; i++) {
            String domain = i % 2 == 0 ? "corp.example" : "netloom.internal";
            account.maps.change(TestAccount.ACCOUNT, network -> network.changeDnsDomain(domain));
        }

        for (int i = 0; i < peers.size() * changes; i++) {
            recorder.next();
        }
        for (PeerId peer : peers) {
            List<SignedMapMessage> mine = recorder.byPeer.get(peer);
            assertThat(mine).hasSize(changes);
            for (int i = 1; i < changes; i++) {
                assertThat(mine.get(i).baseSerial()).isEqualTo(mine.get(i - 1).serial());
            }
            assertThat(mine).allMatch(message -> account.verifiesFor(message, peer));
        }
    }

    @Test
    void subscribeWhenUnsubscribedOrClosedThenNothingMoreDelivered() throws Exception {
        PeerId a = account.enroll("a");
        SignedMaps signed = start(1);
        Recorder recorder = new Recorder(Set.of(a));
        Runnable unsubscribe = signed.subscribe(recorder);
        unsubscribe.run();

        account.enroll("b");
        signed.close();
        account.enroll("c");

        assertThat(recorder.received.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    private SignedMaps start(int parallelism) {
        SignedMaps signed = new SignedMaps(account.maps, account.keys, parallelism);
        started.add(signed);
        return signed;
    }

    /** Wants a fixed set of peers and keeps what it receives, per peer in arrival order. */
    private static final class Recorder implements SignedMapListener {
        final Set<PeerId> wanted;
        final LinkedBlockingQueue<SignedMapMessage> received = new LinkedBlockingQueue<>();
        final Map<PeerId, List<SignedMapMessage>> byPeer = new ConcurrentHashMap<>();
        final List<PeerId> peers = new CopyOnWriteArrayList<>();

        Recorder(Set<PeerId> wanted) {
            this.wanted = wanted;
        }

        @Override
        public boolean wants(AccountId account, PeerId peer) {
            return wanted.contains(peer);
        }

        @Override
        public void mapSigned(AccountId account, PeerId peer, SignedMapMessage message) {
            byPeer.computeIfAbsent(peer, ignored -> new CopyOnWriteArrayList<>()).add(message);
            peers.add(peer);
            received.add(message);
        }

        SignedMapMessage next() throws InterruptedException {
            SignedMapMessage message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a signed message within 10 s").isNotNull();
            return message;
        }
    }
}
