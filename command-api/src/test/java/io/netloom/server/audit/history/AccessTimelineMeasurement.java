package io.netloom.server.audit.history;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.netloom.domain.account.AccountCreatedEvent;
import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.group.PeersRemovedFromGroupEvent;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerDisconnectedEvent;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.domain.policy.PolicyCreatedEvent;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PolicyUpdatedEvent;
import io.netloom.domain.policy.PortRange;
import io.netloom.domain.policy.Protocol;
import io.netloom.projections.history.AccessNeutralEvents;
import io.netloom.projections.history.AccessTimeline;
import io.netloom.projections.history.AccountReplay;
import io.netloom.projections.history.EventRef;
import io.netloom.server.axon.Initiator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Measures an access timeline over one account's whole history without the database: the replay benchmark's
 * account (EventStoreFiller: 24,000 peers in groups of 25, a mesh policy per group, then churn of connects,
 * disconnects, renames, policy edits and moves), its events serialized as the server stores them, then per run
 * deserialized (payload and metadata, as HistoryEvents does), replayed and fed to the timeline. Run by hand:
 * {@code java -cp <test classpath> io.netloom.server.audit.history.AccessTimelineMeasurement [events]}.
 */
public final class AccessTimelineMeasurement {

    private static final int PEERS = 24_000;
    private static final int GROUP_SIZE = 25;
    private static final AccountId ACCOUNT = new AccountId("bench-account-0");
    private static final UserId OWNER = new UserId("bench-owner-0");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).build();

    private record Stored(String type, byte[] payload, byte[] metadata) {
    }

    private final List<Stored> stored = new ArrayList<>();

    private AccessTimelineMeasurement() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 166_000;
        AccessTimelineMeasurement history = new AccessTimelineMeasurement();
        history.fill(events);
        Set<String> neutral = AccessNeutralEvents.payloadTypes();
        long kept = history.stored.stream().filter(event -> !neutral.contains(event.type())).count();
        System.out.printf("history: %d events, %d of them read when the access-neutral ones are skipped%n",
                history.stored.size(), kept);
        for (int run = 1; run <= 6; run++) {
            long all = history.time(Set.of(), true);
            long skipping = history.time(neutral, true);
            System.out.printf("run %d: every event %d ms; access-neutral ones skipped %d ms, of which reading the"
                    + " events %d ms, reading and replaying them %d ms%n", run, all, skipping, history.timeReading(neutral),
                    history.time(neutral, false));
        }
    }

    /**
     * One timeline, of two peers of the first group, over the whole history (or, without {@code timeline}, the
     * replay alone); returns its time in ms.
     */
    private long time(Set<String> skipped, boolean withTimeline) {
        long started = System.nanoTime();
        AccountReplay replay = new AccountReplay(ACCOUNT, null, true);
        AccessTimeline timeline = new AccessTimeline(peer(0), peer(1), null);
        long position = 0;
        for (Stored event : stored) {
            position++;
            if (skipped.contains(event.type())) {
                continue;
            }
            Object payload = SERIALIZER.deserialize(new SimpleSerializedObject<>(event.payload(), byte[].class,
                    event.type(), null));
            MetaData metadata = SERIALIZER.deserialize(new SimpleSerializedObject<>(event.metadata(), byte[].class,
                    MetaData.class.getName(), null));
            EventRef ref = new EventRef(position, START.plusSeconds(position), "e" + position,
                    event.type(), String.valueOf(metadata.get(Initiator.METADATA_KEY)), "Aggregate", "id");
            replay.apply(payload, ref);
            if (withTimeline) {
                timeline.accept(ref, payload, replay.state().orElseThrow());
            }
        }
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        if (withTimeline && timeline.intervals().isEmpty()) {
            throw new IllegalStateException("the two peers never had access: the measurement measured nothing");
        }
        return elapsed;
    }

    /** Only deserializing the events the timeline reads, for the share of the time that is reading. */
    private long timeReading(Set<String> skipped) {
        long started = System.nanoTime();
        int read = 0;
        for (Stored event : stored) {
            if (!skipped.contains(event.type())) {
                SERIALIZER.deserialize(new SimpleSerializedObject<>(event.payload(), byte[].class, event.type(), null));
                SERIALIZER.deserialize(new SimpleSerializedObject<>(event.metadata(), byte[].class,
                        MetaData.class.getName(), null));
                read++;
            }
        }
        if (read == 0) {
            throw new IllegalStateException("nothing read");
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private void fill(int target) {
        append(new AccountCreatedEvent(ACCOUNT, OWNER, "", Ipv4Network.DEFAULT, AccountSettings.defaults()));
        append(new GroupCreatedEvent(new GroupId("bench-all"), ACCOUNT, "All", true, GroupIssuer.API));
        for (int peer = 0; peer < PEERS && stored.size() < target; peer++) {
            int group = peer / GROUP_SIZE;
            if (peer % GROUP_SIZE == 0) {
                append(new GroupCreatedEvent(group(group), ACCOUNT, "group " + group, false, GroupIssuer.API));
                append(new PolicyCreatedEvent(policy(group), ACCOUNT, "mesh " + group, "", true,
                        List.of(meshRule(group, Protocol.ALL))));
            }
            append(enrolled(peer));
            append(new PeersAddedToGroupEvent(group(group), ACCOUNT, Set.of(peer(peer))));
        }
        int groups = PEERS / GROUP_SIZE;
        for (int round = 1; stored.size() < target; round++) {
            int peer = (round * 7919) % PEERS;
            int group = peer / GROUP_SIZE;
            String session = "session-" + round;
            append(new PeerConnectedEvent(peer(peer), ACCOUNT, session, "198.51.100.1", "bench", START));
            append(new PeerDisconnectedEvent(peer(peer), ACCOUNT, session, START));
            append(new PeerRenamedEvent(peer(peer), ACCOUNT, "renamed-" + round, new DnsLabel("renamed-" + round)));
            append(new PolicyUpdatedEvent(policy(group), ACCOUNT, "mesh " + group, "", true,
                    List.of(meshRule(group, round % 2 == 0 ? Protocol.TCP : Protocol.ALL))));
            append(new PeersRemovedFromGroupEvent(group(group), ACCOUNT, Set.of(peer(peer))));
            append(new PeersAddedToGroupEvent(group((group + 1) % groups), ACCOUNT, Set.of(peer(peer))));
        }
    }

    private void append(Object event) {
        SerializedObject<byte[]> payload = SERIALIZER.serialize(event, byte[].class);
        SerializedObject<byte[]> metadata = SERIALIZER.serialize(MetaData.with(Initiator.METADATA_KEY, OWNER.value()),
                byte[].class);
        stored.add(new Stored(payload.getType().getName(), payload.getData(), metadata.getData()));
    }

    private static PeerEnrolledEvent enrolled(int peer) {
        byte[] key = new byte[32];
        for (int i = 0; i < 4; i++) {
            key[i] = (byte) (peer >>> (8 * i));
        }
        return new PeerEnrolledEvent(peer(peer), ACCOUNT, new WireguardPublicKey(Base64.getEncoder().encodeToString(key)),
                new PeerMetadata("host-" + peer, "linux", "6.1", "bench"), "host-" + peer,
                "100.64." + (peer / 250) + "." + (1 + peer % 250), new DnsLabel("host-" + peer), OWNER, null, false,
                false, false, START);
    }

    private static PolicyRule meshRule(int group, Protocol protocol) {
        List<PortRange> ports = protocol == Protocol.TCP ? List.of(new PortRange(22, 22)) : List.of();
        return new PolicyRule(new PolicyRuleId("bench-rule-" + group), "mesh", "", true, true, protocol, ports,
                Set.of(group(group)), Set.of(group(group)));
    }

    private static PeerId peer(int number) {
        return new PeerId("bench-peer-" + number);
    }

    private static GroupId group(int number) {
        return new GroupId("bench-group-" + number);
    }

    private static PolicyId policy(int number) {
        return new PolicyId("bench-policy-" + number);
    }
}
