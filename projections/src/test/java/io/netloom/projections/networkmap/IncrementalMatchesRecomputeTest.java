package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsRecordType;
import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.dns.Nameserver;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NameserverGroupId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import io.netloom.domain.ids.NetworkRouterId;
import io.netloom.domain.ids.RouteId;
import io.netloom.domain.network.ResourceAddress;
import io.netloom.domain.network.ResourceDefinition;
import io.netloom.domain.network.RouterDefinition;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PortRange;
import io.netloom.domain.policy.Protocol;
import io.netloom.projections.history.AccessFlows;
import io.netloom.projections.history.AccessChange;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.AllowedFlow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: for random sequences of changes (routes, networks and DNS configuration among them), after every change each peer's incrementally kept map
 * equals a full recomputation, the deltas published so far rebuild exactly that map, and serials
 * rise by one exactly when a map's content changed; the history's plain AccountState, fed the same changes,
 * holds the same inputs. Each seed is one reproducible sequence.
 */
class IncrementalMatchesRecomputeTest {

    private static final int STEPS = 120;
    private static final List<UserId> USERS = List.of(new UserId("u1"), new UserId("u2"), new UserId("u3"));
    static final GroupId ALL = new GroupId("all");
    private static final List<String> PREFIXES = List.of("10.1.0.0/24", "10.2.0.0/16", "0.0.0.0/0", "10.1.0.7/32");
    private static final List<String> NETWORK_IDS = List.of("office", "lab");
    private static final List<NetworkId> NETWORKS = List.of(new NetworkId("net1"), new NetworkId("net2"));
    private static final List<NameserverGroupId> NS_GROUPS = List.of(new NameserverGroupId("ns1"),
            new NameserverGroupId("ns2"), new NameserverGroupId("ns3"));
    private static final List<DnsZoneId> ZONES = List.of(new DnsZoneId("zone1"), new DnsZoneId("zone2"));
    /** Two zones may nest, so that one name can be in both. */
    private static final List<String> ZONE_DOMAINS = List.of("corp.example", "lab.corp.example");
    private static final List<String> RECORD_LABELS = List.of("www", "db", "*");

    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long seed = 1; seed <= 150; seed++) {
            seeds.add(seed);
        }
        return seeds;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mapsWhenRandomChangesAppliedThenEqualFullRecomputeAfterEveryStep(long seed) {
        Random random = new Random(seed);
        Random sampler = new Random(-seed);
        RandomAccount account = new RandomAccount(random);
        Map<PeerId, NetworkMap> held = new HashMap<>();
        account.apply(model -> model.addGroup(ALL, true), held, "create All");

        for (int step = 0; step < STEPS; step++) {
            Map<PeerId, NetworkMap> before = currentMaps(account.network);
            AccountSnapshot inputsBefore = account.network.snapshot();
            String description = account.randomChange(held);
            Map<PeerId, NetworkMap> after = currentMaps(account.network);
            String context = "seed " + seed + ", step " + step + ": " + description;

            assertThat(account.history.snapshot()).as("%s: history's inputs", context).isEqualTo(account.network.snapshot());
            assertThat(account.history.copy().snapshot()).as("%s: copied history", context)
                    .isEqualTo(account.history.snapshot());
            assertThat(account.network.copyInputs(AccountState::new).snapshot()).as("%s: live inputs copied", context)
                    .isEqualTo(account.network.snapshot());
            Map<PeerId, NetworkMap> recomputed = NetworkMapCalculator.allMaps(account.network.snapshot());
            assertFlowsAgree(account.history.snapshot(), account.peers, sampler, context);
            AccessChange change = AccessChange.between(inputsBefore, account.network.snapshot());
            assertThat(change.mapsChanged()).as("%s: maps a dry run says change", context)
                    .containsExactlyInAnyOrderElementsOf(changedMaps(before, after));
            Set<AllowedFlow> flowsBefore = new HashSet<>(AccessFlows.all(inputsBefore));
            Set<AllowedFlow> flowsAfter = new HashSet<>(AccessFlows.all(account.network.snapshot()));
            assertThat(change.gained()).as("%s: flows a dry run says gained", context).containsExactlyInAnyOrderElementsOf(
                    flowsAfter.stream().filter(flow -> !flowsBefore.contains(flow)).toList());
            assertThat(change.lost()).as("%s: flows a dry run says lost", context).containsExactlyInAnyOrderElementsOf(
                    flowsBefore.stream().filter(flow -> !flowsAfter.contains(flow)).toList());
            assertPairSnapshotsAgree(account.history, account.peers, sampler, context);
            assertThat(after.keySet()).as(context).isEqualTo(recomputed.keySet());
            for (PeerId peer : after.keySet()) {
                NetworkMap map = after.get(peer);
                assertThat(map.withSerial(0)).as("%s: map of %s", context, peer).isEqualTo(recomputed.get(peer));
                assertThat(held.get(peer)).as("%s: deltas rebuild map of %s", context, peer).isEqualTo(map);
                NetworkMap previous = before.get(peer);
                if (previous != null) {
                    boolean changed = !previous.withSerial(0).equals(map.withSerial(0));
                    assertThat(map.serial()).as("%s: serial of %s", context, peer)
                            .isEqualTo(previous.serial() + (changed ? 1 : 0));
                }
            }
        }
    }

    /** The history's shortcuts (one peer's flows, two peers' flows) give what the whole account's maps give. */
    private static void assertFlowsAgree(AccountSnapshot snapshot, List<PeerId> peers, Random sampler, String context) {
        if (peers.isEmpty()) {
            return;
        }
        List<AllowedFlow> all = AccessFlows.all(snapshot);
        for (int sample = 0; sample < 3; sample++) {
            PeerId source = peers.get(sampler.nextInt(peers.size()));
            PeerId destination = peers.get(sampler.nextInt(peers.size()));
            assertThat(AccessFlows.between(snapshot, source, destination)).as("%s: flows %s -> %s", context, source,
                    destination).containsExactlyInAnyOrderElementsOf(all.stream()
                    .filter(flow -> flow.source().equals(source) && flow.destination().equals(destination)).toList());
            assertThat(AccessFlows.of(snapshot, source)).as("%s: flows of %s", context, source)
                    .containsExactlyInAnyOrderElementsOf(all.stream()
                            .filter(flow -> flow.source().equals(source) || flow.destination().equals(source)).toList());
        }
    }

    /** The peers whose map the incremental model changed (or added, or dropped), serials aside. */
    private static Set<PeerId> changedMaps(Map<PeerId, NetworkMap> before, Map<PeerId, NetworkMap> after) {
        Set<PeerId> peers = new HashSet<>(before.keySet());
        peers.addAll(after.keySet());
        peers.removeIf(peer -> before.containsKey(peer) && after.containsKey(peer)
                && before.get(peer).withSerial(0).equals(after.get(peer).withSerial(0)));
        return peers;
    }

    /** The history's two-peer snapshot is the whole snapshot cut down to the pair, peers gone or never enrolled too. */
    private static void assertPairSnapshotsAgree(AccountState history, List<PeerId> peers, Random sampler,
            String context) {
        List<PeerId> candidates = new ArrayList<>(peers);
        candidates.add(new PeerId("never-enrolled"));
        PeerId first = candidates.get(sampler.nextInt(candidates.size()));
        PeerId second = candidates.get(sampler.nextInt(candidates.size()));
        assertThat(history.snapshotOf(first, second)).as("%s: pair %s, %s", context, first, second)
                .isEqualTo(AccessFlows.twoPeers(history.snapshot(), first, second));
    }

    private static Map<PeerId, NetworkMap> currentMaps(AccountNetwork network) {
        Map<PeerId, NetworkMap> maps = new HashMap<>();
        network.peerIds().forEach(peer -> maps.put(peer, network.mapOf(peer).orElseThrow()));
        return maps;
    }

    /**
     * An account under random changes, remembering enough names to pick existing things; ExplainMatchesLiveMapsTest
     * runs its histories too.
     */
    static final class RandomAccount {
        final AccountNetwork network = new AccountNetwork(Ipv4Network.DEFAULT, "netloom.internal");
        /** The history's plain model, fed the same changes: its inputs must always equal the live model's. */
        final AccountState history = new AccountState(Ipv4Network.DEFAULT, "netloom.internal");
        final Random random;
        final List<PeerId> peers = new ArrayList<>();
        final List<GroupId> groups = new ArrayList<>(List.of(ALL));
        final List<PolicyId> policies = new ArrayList<>();
        final List<RouteId> routes = new ArrayList<>();
        final Set<Integer> usedHosts = new HashSet<>();
        int counter;

        RandomAccount(Random random) {
            this.random = random;
        }

        String randomChange(Map<PeerId, NetworkMap> held) {
            int kind = random.nextInt(100);
            if (kind < 16) {
                return randomRouteChange(held);
            }
            if (kind < 28) {
                return randomDnsChange(held);
            }
            int choice = random.nextInt(100);
            if (choice < 18 || peers.isEmpty()) {
                PeerId id = new PeerId("p" + ++counter);
                PeerNode node = new PeerNode(id, TestNetwork.publicKeyOf(id.value()), freeAddress(), id.value(),
                        random.nextInt(3) == 0 ? null : pick(USERS), random.nextInt(5) != 0, random.nextBoolean());
                peers.add(id);
                return apply(model -> model.addPeer(node), held, "enroll " + node);
            }
            if (choice < 24) {
                GroupId id = new GroupId("g" + ++counter);
                groups.add(id);
                return apply(model -> model.addGroup(id, false), held, "create group " + id);
            }
            if (choice < 44) {
                GroupId group = pick(groups);
                Set<PeerId> members = somePeers();
                return apply(model -> model.addToGroup(group, members), held, "add " + members + " to " + group);
            }
            if (choice < 54) {
                GroupId group = pick(groups);
                Set<PeerId> members = somePeers();
                return apply(model -> model.removeFromGroup(group, members), held, "remove " + members + " from " + group);
            }
            if (choice < 66) {
                PolicyId id = policies.isEmpty() || random.nextBoolean() ? new PolicyId("pol" + ++counter) : pick(policies);
                if (!policies.contains(id)) {
                    policies.add(id);
                }
                PolicySpec policy = new PolicySpec(random.nextInt(6) != 0, randomRules());
                return apply(model -> model.putPolicy(id, policy), held, "put policy " + id + " " + policy);
            }
            if (choice < 70 && !policies.isEmpty()) {
                PolicyId id = policies.remove(random.nextInt(policies.size()));
                return apply(model -> model.removePolicy(id), held, "remove policy " + id);
            }
            if (choice < 73 && groups.size() > 1) {
                GroupId id = groups.remove(1 + random.nextInt(groups.size() - 1));
                return apply(model -> model.deleteGroup(id), held, "delete group " + id);
            }
            if (choice < 78) {
                PeerId id = peers.remove(random.nextInt(peers.size()));
                return apply(model -> model.removePeer(id), held, "remove peer " + id);
            }
            if (choice < 84) {
                UserId user = pick(USERS);
                boolean block = random.nextBoolean();
                return apply(model -> block ? model.blockUser(user) : model.unblockUser(user), held,
                        (block ? "block " : "unblock ") + user);
            }
            PeerId peer = pick(peers);
            return switch (random.nextInt(7)) {
                case 0 -> apply(model -> model.changePeer(peer, node -> node.withApproved(!node.approved())), held,
                        "toggle approval of " + peer);
                case 1 -> apply(model -> model.changePeer(peer, node -> node.withConnected(!node.connected())), held,
                        "toggle presence of " + peer);
                case 2 -> {
                    String address = freeAddress();
                    yield apply(model -> model.changePeer(peer, node -> node.withOverlayIp(address)), held,
                            "move " + peer + " to " + address);
                }
                case 3 -> {
                    String label = "n" + ++counter;
                    yield apply(model -> model.changePeer(peer, node -> node.withDnsLabel(label)), held,
                            "rename " + peer);
                }
                case 4 -> apply(model -> model.changePeer(peer, node -> node.withLoginExpired(!node.loginExpired())),
                        held, "toggle login expiry of " + peer);
                case 5 -> {
                    // Shared names (another peer's extra label, or its main label) as well as own ones: ADR 0046.
                    List<String> labels = List.<List<String>>of(List.of(), List.of("db"), List.of("db", "web"),
                            List.of("p1", "x" + counter)).get(random.nextInt(4));
                    yield apply(model -> model.changePeer(peer, node -> node.withExtraDnsLabels(labels)), held,
                            "extra labels " + labels + " for " + peer);
                }
                default -> {
                    String domain = random.nextBoolean() ? "netloom.internal" : "corp.example";
                    yield apply(model -> model.changeDnsDomain(domain), held, "domain " + domain);
                }
            };
        }

        /** Routes and networks: created, replaced and removed, naming peers that may be gone or never existed. */
        String randomRouteChange(Map<PeerId, NetworkMap> held) {
            int choice = random.nextInt(100);
            if (choice < 35 || routes.isEmpty()) {
                RouteId id = routes.isEmpty() || random.nextBoolean() ? new RouteId("route" + ++counter) : pick(routes);
                if (!routes.contains(id)) {
                    routes.add(id);
                }
                boolean byPeer = random.nextBoolean();
                RouteSpec route = new RouteSpec(id.value(), pick(NETWORK_IDS), pick(PREFIXES), random.nextInt(5) != 0,
                        byPeer ? routingPeer() : null, byPeer ? Set.of() : someGroups(), 1 + random.nextInt(3) * 100,
                        random.nextBoolean(), someGroups(), random.nextBoolean() ? Set.of() : someGroups(),
                        random.nextInt(4) == 0, false);
                return apply(model -> model.putRoute(id, route), held, "put route " + route);
            }
            if (choice < 45) {
                RouteId id = routes.remove(random.nextInt(routes.size()));
                return apply(model -> model.removeRoute(id), held, "remove route " + id);
            }
            NetworkId net = pick(NETWORKS);
            if (choice < 65) {
                NetworkResourceId id = new NetworkResourceId("res" + random.nextInt(3));
                ResourceDefinition resource = new ResourceDefinition("res", "", ResourceAddress.parse(pick(PREFIXES)),
                        random.nextInt(4) == 0 ? Set.of() : someGroups(), random.nextInt(5) != 0);
                return apply(model -> model.putNetworkResource(net, id, resource), held,
                        "put resource " + net + "/" + id + " " + resource);
            }
            if (choice < 85) {
                NetworkRouterId id = new NetworkRouterId("router" + random.nextInt(3));
                boolean byPeer = random.nextBoolean();
                RouterDefinition router = new RouterDefinition(byPeer ? routingPeer() : null,
                        byPeer ? Set.of() : someGroups(), 1 + random.nextInt(3) * 100, random.nextBoolean(),
                        random.nextInt(5) != 0);
                return apply(model -> model.putNetworkRouter(net, id, router), held,
                        "put router " + net + "/" + id + " " + router);
            }
            if (choice < 91) {
                NetworkResourceId id = new NetworkResourceId("res" + random.nextInt(3));
                return apply(model -> model.removeNetworkResource(net, id), held, "remove resource " + net + "/" + id);
            }
            if (choice < 97) {
                NetworkRouterId id = new NetworkRouterId("router" + random.nextInt(3));
                return apply(model -> model.removeNetworkRouter(net, id), held, "remove router " + net + "/" + id);
            }
            return apply(model -> model.removeNetwork(net), held, "remove network " + net);
        }

        /**
         * DNS configuration: settings, nameserver groups (some naming a peer's own address as their nameserver) and
         * zones with records, created, replaced and removed, records also for zones not (or no longer) known.
         */
        String randomDnsChange(Map<PeerId, NetworkMap> held) {
            int choice = random.nextInt(100);
            if (choice < 10) {
                DnsSettings settings = new DnsSettings(random.nextBoolean() ? Set.of() : someGroups());
                return apply(model -> model.changeDnsSettings(settings), held, "dns settings " + settings);
            }
            if (choice < 35) {
                NameserverGroupId id = pick(NS_GROUPS);
                boolean primary = random.nextBoolean();
                String address = random.nextInt(3) == 0 && !peers.isEmpty() ? addressOfSomePeer() : "198.18.0.53";
                NameserverGroupDefinition group = new NameserverGroupDefinition("ns " + id, "",
                        List.of(new Nameserver(address, 53)), random.nextInt(5) != 0, someGroups(), primary,
                        primary ? List.of() : List.of(pick(ZONE_DOMAINS)), !primary && random.nextBoolean());
                return apply(model -> model.putNameserverGroup(id, group), held, "put nameserver group " + group);
            }
            if (choice < 42) {
                NameserverGroupId id = pick(NS_GROUPS);
                return apply(model -> model.removeNameserverGroup(id), held, "remove nameserver group " + id);
            }
            DnsZoneId zone = pick(ZONES);
            String domain = ZONE_DOMAINS.get(ZONES.indexOf(zone));
            if (choice < 60) {
                DnsZoneDefinition definition = new DnsZoneDefinition("zone " + zone, domain, random.nextInt(5) != 0,
                        random.nextBoolean(), someGroups());
                return apply(model -> model.putDnsZone(zone, definition), held, "put zone " + definition);
            }
            if (choice < 65) {
                return apply(model -> model.removeDnsZone(zone), held, "remove zone " + zone);
            }
            DnsRecordId record = new DnsRecordId("record" + random.nextInt(4));
            if (choice < 90) {
                DnsRecordDefinition definition = random.nextBoolean()
                        ? new DnsRecordDefinition(pick(RECORD_LABELS) + "." + domain, DnsRecordType.A,
                                "198.18.1." + random.nextInt(3), 300)
                        : new DnsRecordDefinition(pick(RECORD_LABELS) + "." + domain, DnsRecordType.CNAME,
                                "www." + pick(ZONE_DOMAINS), 60);
                return apply(model -> model.putDnsRecord(zone, record, definition), held,
                        "put record " + zone + "/" + record + " " + definition);
            }
            return apply(model -> model.removeDnsRecord(zone, record), held, "remove record " + zone + "/" + record);
        }

        private String addressOfSomePeer() {
            PeerId peer = pick(peers);
            return network.snapshot().peers().get(peer).overlayIp();
        }

        /** Mostly a peer that exists; sometimes one deleted or never enrolled (no ghost routes). */
        private PeerId routingPeer() {
            return peers.isEmpty() || random.nextInt(8) == 0 ? new PeerId("p" + (counter + 1000)) : pick(peers);
        }

        /** Runs the change and applies its deltas to what each peer holds, as a daemon would. */
        String apply(Function<AccountModel, List<PeerMapUpdate>> change, Map<PeerId, NetworkMap> held,
                String description) {
            change.apply(history);
            for (PeerMapUpdate update : change.apply(network)) {
                NetworkMap current = held.getOrDefault(update.peer(), new NetworkMap(0, null, List.of(), List.of()));
                held.put(update.peer(), update.delta().applyTo(current));
            }
            held.keySet().retainAll(network.peerIds());
            return description;
        }

        private List<PolicyRule> randomRules() {
            List<PolicyRule> rules = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                Protocol protocol = pick(List.of(Protocol.values()));
                List<PortRange> ports = new ArrayList<>();
                if ((protocol == Protocol.TCP || protocol == Protocol.UDP) && random.nextBoolean()) {
                    int start = 1 + random.nextInt(3) * 1000;
                    ports.add(new PortRange(start, start + random.nextInt(2) * 10));
                }
                rules.add(new PolicyRule(new PolicyRuleId("r" + ++counter), "rule", "", random.nextInt(5) != 0,
                        random.nextBoolean(), protocol, ports, someGroups(), someGroups()));
            }
            return rules;
        }

        private Set<GroupId> someGroups() {
            Set<GroupId> chosen = new HashSet<>();
            int count = 1 + random.nextInt(2);
            for (int i = 0; i < count; i++) {
                chosen.add(pick(groups));
            }
            return chosen;
        }

        private Set<PeerId> somePeers() {
            Set<PeerId> chosen = new HashSet<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                chosen.add(pick(peers));
            }
            return chosen;
        }

        private String freeAddress() {
            int host;
            do {
                host = 1 + random.nextInt(250);
            } while (!usedHosts.add(host));
            return "100.64.0." + host;
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }
    }
}
