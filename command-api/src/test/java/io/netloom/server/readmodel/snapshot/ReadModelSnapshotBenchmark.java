package io.netloom.server.readmodel.snapshot;

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
import io.netloom.domain.peer.ExtraDnsLabels;
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
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import io.netloom.server.axon.AxonConfiguration;
import io.netloom.server.readmodel.ReadModelDigest;
import io.netloom.server.storage.GzipJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * Size and speed of a read-model snapshot of the replay benchmark's store (ADR 0054), without the store: the models
 * are built in memory from the same events {@code ops/.../EventStoreFiller} writes, in the same order (accounts of
 * 24,000 peers in groups of 25 with a mesh policy each, then everyday churn), fed through the projections' handlers.
 * Not part of the suite; prints its numbers.
 *
 * <pre>java ... ReadModelSnapshotBenchmark [events, default 1000000] [rounds, default 3] [directory to write the parts to]
 * java ... ReadModelSnapshotBenchmark --decode DIRECTORY
 * java ... ReadModelSnapshotBenchmark --read-only DIRECTORY</pre>
 */
public final class ReadModelSnapshotBenchmark {

    private static final int PEERS_PER_ACCOUNT = 24_000;
    private static final int GROUP_SIZE = 25;
    private static final Instant START = Instant.parse("2026-08-27T12:00:00Z");

    private final Directory directory = new Directory();
    private final NetworkMaps maps = new NetworkMaps(false);
    private final List<AnnotationEventHandlerAdapter> handlers = List.of(
            new AnnotationEventHandlerAdapter(new DirectoryProjection(directory)),
            new AnnotationEventHandlerAdapter(new NetworkMapProjection(maps, false)));
    private final long target;
    private long written;

    private ReadModelSnapshotBenchmark(long target) {
        this.target = target;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--decode")) {
            decodeCold(Path.of(args[1]), false);
            return;
        }
        if (args.length == 2 && args[0].equals("--read-only")) {
            decodeCold(Path.of(args[1]), true);
            return;
        }
        long target = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ReadModelSnapshotBenchmark bench = new ReadModelSnapshotBenchmark(target);
        long started = System.nanoTime();
        bench.fill();
        System.out.printf("applied %d events in memory in %.1f s (%d accounts)%n", bench.written, seconds(started),
                bench.directory.accountIds().size());
        ReadModelSnapshotCodec codec = new ReadModelSnapshotCodec(new AxonConfiguration().defaultAxonObjectMapper());
        // The parts read without rebuilding the models: how decoding splits between JSON and recomputing the maps.
        GzipJson json = new GzipJson(new AxonConfiguration().defaultAxonObjectMapper(), "a read-model snapshot");
        ReadModelSnapshotCodec.Encoded encoded = null;
        ReadModelSnapshotCodec.ReadModels decoded = null;
        for (int round = 1; round <= rounds; round++) {
            System.gc();
            long encodeStart = System.nanoTime();
            encoded = codec.encode(bench.directory, bench.maps);
            double encodeSeconds = seconds(encodeStart);
            decoded = null;
            System.gc();
            long decodeStart = System.nanoTime();
            decoded = codec.decode(encoded, false);
            double decodeSeconds = seconds(decodeStart);
            ReadModelSnapshotCodec.Encoded parts = encoded;
            long parseStart = System.nanoTime();
            parts.accounts().parallelStream().forEach(part -> json.read(part, ReadModelSnapshotCodec.AccountPart.class));
            double parseSeconds = seconds(parseStart);
            System.out.printf("round %d: encode %.2f s, decode %.2f s, of which reading the parts alone %.2f s"
                    + " (%d cores)%n", round, encodeSeconds, decodeSeconds, parseSeconds,
                    Runtime.getRuntime().availableProcessors());
        }
        long largest = encoded.accounts().stream().mapToLong(part -> part.length).max().orElse(0);
        System.out.printf("size %,d bytes gzip'd: common part %,d, %d account parts, largest %,d%n", encoded.size(),
                encoded.common().length, encoded.accounts().size(), largest);
        List<String> differences = ReadModelDigest.of(decoded.directory(), decoded.networkMaps())
                .differencesFrom(ReadModelDigest.of(bench.directory, bench.maps));
        System.out.println("decoded models differ from the originals in: " + differences);
        if (args.length > 2) {
            Path directory = Files.createDirectories(Path.of(args[2]));
            Files.write(directory.resolve("common"), encoded.common());
            for (int i = 0; i < encoded.accounts().size(); i++) {
                Files.write(directory.resolve("account-" + i), encoded.accounts().get(i));
            }
            System.out.println("parts written to " + directory + " for --decode");
        }
    }

    /**
     * One decode in a fresh JVM, as a start-up does it: nothing is warmed up. {@code readOnly}: the account parts are
     * only read (gunzip and JSON), the models not rebuilt, to tell the two costs apart.
     */
    private static void decodeCold(Path directory, boolean readOnly) throws Exception {
        byte[] common = Files.readAllBytes(directory.resolve("common"));
        List<byte[]> accounts = new ArrayList<>();
        for (int i = 0; Files.exists(directory.resolve("account-" + i)); i++) {
            accounts.add(Files.readAllBytes(directory.resolve("account-" + i)));
        }
        long started = System.nanoTime();
        if (readOnly) {
            GzipJson json = new GzipJson(new AxonConfiguration().defaultAxonObjectMapper(), "a read-model snapshot");
            accounts.parallelStream().forEach(part -> json.read(part, ReadModelSnapshotCodec.AccountPart.class));
            System.out.printf("cold read of %d account parts, models not rebuilt: %.2f s%n", accounts.size(),
                    seconds(started));
            return;
        }
        ReadModelSnapshotCodec.ReadModels models = new ReadModelSnapshotCodec(
                new AxonConfiguration().defaultAxonObjectMapper())
                .decode(new ReadModelSnapshotCodec.Encoded(common, accounts), false);
        System.out.printf("cold decode of %d account parts: %.2f s, %d accounts%n", accounts.size(), seconds(started),
                models.directory().accountIds().size());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private void fill() {
        long eventsPerAccount = 2 + 2L * PEERS_PER_ACCOUNT + 2L * (PEERS_PER_ACCOUNT / GROUP_SIZE);
        long accounts = Math.max(1, Math.round(target * 0.3) / eventsPerAccount);
        int account = 0;
        while (account < accounts) {
            createAccount(account++);
        }
        int round = 0;
        while (written < target) {
            churn(round++ % account, round);
        }
    }

    private void createAccount(int number) {
        AccountId account = new AccountId("bench-account-" + number);
        append(new AccountCreatedEvent(account, owner(number), "", Ipv4Network.DEFAULT, AccountSettings.defaults()));
        append(new GroupCreatedEvent(new GroupId("bench-all-" + number), account, "All", true, GroupIssuer.API));
        for (int peer = 0; peer < PEERS_PER_ACCOUNT; peer++) {
            int group = peer / GROUP_SIZE;
            if (peer % GROUP_SIZE == 0) {
                append(new GroupCreatedEvent(groupId(number, group), account, "group " + group, false, GroupIssuer.API));
                append(new PolicyCreatedEvent(policyId(number, group), account, "mesh " + group, "", true,
                        List.of(meshRule(number, group, Protocol.ALL))));
            }
            append(enrolled(number, peer));
            append(new PeersAddedToGroupEvent(groupId(number, group), account, Set.of(peerId(number, peer))));
        }
    }

    private void churn(int number, int round) {
        AccountId account = new AccountId("bench-account-" + number);
        int peer = (round * 7919) % PEERS_PER_ACCOUNT;
        int group = peer / GROUP_SIZE;
        int otherGroup = (group + 1) % (PEERS_PER_ACCOUNT / GROUP_SIZE);
        String session = "session-" + round;
        append(new PeerConnectedEvent(peerId(number, peer), account, session, "198.51.100." + (1 + round % 250),
                "bench", now()));
        append(new PeerDisconnectedEvent(peerId(number, peer), account, session, now()));
        append(new PeerRenamedEvent(peerId(number, peer), account, "renamed-" + round, new DnsLabel("renamed-" + round)));
        append(new PolicyUpdatedEvent(policyId(number, group), account, "mesh " + group, "", true,
                List.of(meshRule(number, group, round % 2 == 0 ? Protocol.TCP : Protocol.ALL))));
        if (written + 2 <= target) {
            append(new PeersRemovedFromGroupEvent(groupId(number, group), account, Set.of(peerId(number, peer))));
            append(new PeersAddedToGroupEvent(groupId(number, otherGroup), account, Set.of(peerId(number, peer))));
        }
    }

    private PeerEnrolledEvent enrolled(int account, int peer) {
        byte[] key = new byte[32];
        key[0] = (byte) account;
        for (int i = 1; i < 5; i++) {
            key[i] = (byte) (peer >>> (8 * (i - 1)));
        }
        String address = "100.64." + (peer / 250) + "." + (1 + peer % 250);
        return new PeerEnrolledEvent(peerId(account, peer), new AccountId("bench-account-" + account),
                new WireguardPublicKey(Base64.getEncoder().encodeToString(key)),
                new PeerMetadata("host-" + peer, "linux", "6.1", "bench"), "host-" + peer, address,
                new DnsLabel("host-" + peer), owner(account), null, false, false, false, now(),
                ExtraDnsLabels.NONE, false);
    }

    private static PolicyRule meshRule(int account, int group, Protocol protocol) {
        List<PortRange> ports = protocol == Protocol.TCP ? List.of(new PortRange(22, 22)) : List.of();
        return new PolicyRule(new PolicyRuleId("bench-rule-" + account + "-" + group), "mesh", "", true, true,
                protocol, ports, Set.of(groupId(account, group)), Set.of(groupId(account, group)));
    }

    private void append(Object payload) {
        GenericEventMessage<Object> event = new GenericEventMessage<>("bench-" + written, payload, Map.of(), now());
        for (AnnotationEventHandlerAdapter handler : handlers) {
            try {
                handler.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException("cannot apply " + payload, e);
            }
        }
        written++;
    }

    /** One millisecond per event, as the filler spreads them (a step apart). */
    private Instant now() {
        return START.plusMillis(written);
    }

    private static UserId owner(int account) {
        return new UserId("bench-owner-" + account);
    }

    private static PeerId peerId(int account, int peer) {
        return new PeerId("bench-peer-" + account + "-" + peer);
    }

    private static GroupId groupId(int account, int group) {
        return new GroupId("bench-group-" + account + "-" + group);
    }

    private static PolicyId policyId(int account, int group) {
        return new PolicyId("bench-policy-" + account + "-" + group);
    }
}
