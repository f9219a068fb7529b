package io.netloom.projections.networkmap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Remembers, for every map entry one change touches, whether it was present before, and the old
 * attributes of every peer whose attributes change; afterwards the before/after comparison of just
 * those entries is each peer's delta. Entries whose count changed without appearing or disappearing
 * drop out, so a peer whose map did not really change gets no update and keeps its serial. Touches
 * are primitive-keyed, because a large policy change touches hundreds of thousands of entries.
 */
class ChangeRecorder {

    private static final int ABSENT_BEFORE = 1;
    private static final int PRESENT_BEFORE = 2;

    private final AccountNetwork network;
    private final String dnsDomainBefore;
    private final Map<PeerSlot, Pending> pending = new LinkedHashMap<>();
    private final Map<PeerSlot, PeerNode> nodesBefore = new HashMap<>();
    /** Worked out once per distinct transition: thousands of peers often share one. */
    private final Map<DnsTransition, DnsTransition.Difference> dnsDifferences = new HashMap<>();

    ChangeRecorder(AccountNetwork network, String dnsDomainBefore) {
        this.network = network;
        this.dnsDomainBefore = dnsDomainBefore;
    }

    /**
     * A recorder that remembers nothing and reports no update, for a model rebuilt from saved inputs (ADR 0065): no
     * peer listens to a rebuild and its serials are set afterwards, so working out deltas would be wasted work (about
     * half of a rebuild's time).
     */
    static ChangeRecorder quiet(AccountNetwork network) {
        return new ChangeRecorder(network, network.dnsDomain()) {

            @Override
            void touchConfig(PeerSlot peer) {
            }

            @Override
            void touchNewPeer(PeerSlot peer) {
            }

            @Override
            void forget(PeerSlot peer) {
            }

            @Override
            void rememberNode(PeerSlot peer) {
            }

            @Override
            void touchRemote(PeerSlot peer, PeerSlot remote) {
            }

            @Override
            void touchRoutes(PeerSlot peer) {
            }

            @Override
            void touchDns(PeerSlot peer) {
            }

            @Override
            void touchRule(PeerSlot peer, long ruleKey) {
            }

            @Override
            List<PeerMapUpdate> updates() {
                return List.of();
            }
        };
    }

    void touchConfig(PeerSlot peer) {
        pendingOf(peer);
    }

    void touchNewPeer(PeerSlot peer) {
        pending.put(peer, new Pending(null));
    }

    void forget(PeerSlot peer) {
        pending.remove(peer);
    }

    /** Called before the peer's attributes change, so that observers can be told what they saw. */
    void rememberNode(PeerSlot peer) {
        nodesBefore.putIfAbsent(peer, peer.node);
    }

    void touchRemote(PeerSlot peer, PeerSlot remote) {
        LongCounts touched = pendingOf(peer).remotes;
        if (touched.get(remote.index) == 0) {
            touched.add(remote.index, peer.remotes.contains(remote.index) ? PRESENT_BEFORE : ABSENT_BEFORE);
        }
    }

    /** Called before the peer's routes sections are replaced. */
    void touchRoutes(PeerSlot peer) {
        Pending change = pendingOf(peer);
        if (change.routesBefore == null) {
            change.routesBefore = peer.routeSections;
        }
    }

    /** Called before the peer's DNS sections are replaced (which may also change its configuration). */
    void touchDns(PeerSlot peer) {
        Pending change = pendingOf(peer);
        if (change.dnsBefore == null) {
            change.dnsBefore = peer.dnsSections;
        }
    }

    void touchRule(PeerSlot peer, long ruleKey) {
        LongCounts touched = pendingOf(peer).rules;
        if (touched.get(ruleKey) == 0) {
            touched.add(ruleKey, peer.inbound.contains(ruleKey) ? PRESENT_BEFORE : ABSENT_BEFORE);
        }
    }

    /** The deltas of every peer whose map changed, each advancing that peer's serial by one. */
    List<PeerMapUpdate> updates() {
        List<PeerMapUpdate> updates = new ArrayList<>();
        pending.forEach((peer, change) -> {
            MapDelta delta = change.deltaFor(peer);
            if (delta != null) {
                peer.serial = delta.serial();
                updates.add(new PeerMapUpdate(peer.node.id(), delta));
            }
        });
        return updates;
    }

    private Pending pendingOf(PeerSlot peer) {
        return pending.computeIfAbsent(peer, slot -> new Pending(network.renderConfig(slot)));
    }

    private PeerNode nodeBefore(PeerSlot peer) {
        return nodesBefore.getOrDefault(peer, peer.node);
    }

    private final class Pending {
        /** Null for a peer that did not exist before: its whole configuration is new. */
        private final PeerConfig configBefore;
        /** Touched remote slot indexes, valued {@link #ABSENT_BEFORE} or {@link #PRESENT_BEFORE}. */
        private final LongCounts remotes = new LongCounts();
        /** Touched rule keys, valued the same way. */
        private final LongCounts rules = new LongCounts();
        /** The routes sections before the change, or null when the change did not touch them. */
        private RouteSections routesBefore;
        /** The DNS sections before the change, or null when the change did not touch them. */
        private DnsSections dnsBefore;

        private Pending(PeerConfig configBefore) {
            this.configBefore = configBefore;
        }

        private MapDelta deltaFor(PeerSlot peer) {
            PeerConfig configAfter = network.renderConfig(peer);
            PeerConfig config = configAfter.equals(configBefore) ? null : configAfter;
            List<RemotePeer> upserted = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            remotes.forEachKey(index -> {
                PeerSlot remote = network.slot((int) index);
                boolean before = remotes.get(index) == PRESENT_BEFORE;
                boolean after = peer.remotes.contains(index);
                if (before && !after) {
                    removed.add(remote.node.id().value());
                } else if (after && (!before || looksChanged(remote))) {
                    upserted.add(network.renderRemote(remote));
                }
            });
            List<InboundRule> added = new ArrayList<>();
            List<InboundRule> dropped = new ArrayList<>();
            rules.forEachKey(key -> {
                PeerSlot source = network.slot(PeerSlot.sourceIndexOf(key));
                boolean before = rules.get(key) == PRESENT_BEFORE;
                boolean after = peer.inbound.contains(key);
                boolean moved = !nodeBefore(source).overlayIp().equals(source.node.overlayIp());
                if (before && (!after || moved)) {
                    dropped.add(network.renderRule(key, nodeBefore(source)));
                }
                if (after && (!before || moved)) {
                    added.add(network.renderRule(key, source.node));
                }
            });
            RouteSections routesAfter = peer.routeSections;
            RouteSections before = routesBefore == null ? routesAfter : routesBefore;
            List<RouteEntry> addedRoutes = missingFrom(before.routes(), routesAfter.routes());
            List<RouteEntry> removedRoutes = missingFrom(routesAfter.routes(), before.routes());
            List<ServedRoute> addedServed = missingFrom(before.served(), routesAfter.served());
            List<ServedRoute> removedServed = missingFrom(routesAfter.served(), before.served());
            List<ForwardRule> addedForward = missingFrom(before.forwardRules(), routesAfter.forwardRules());
            List<ForwardRule> removedForward = missingFrom(routesAfter.forwardRules(), before.forwardRules());
            DnsTransition.Difference dns = dnsBefore == null ? DnsTransition.Difference.NONE
                    : dnsDifferences.computeIfAbsent(new DnsTransition(dnsBefore, peer.dnsSections),
                            DnsTransition::difference);
            if (config == null && upserted.isEmpty() && removed.isEmpty() && added.isEmpty() && dropped.isEmpty()
                    && addedRoutes.isEmpty() && removedRoutes.isEmpty() && addedServed.isEmpty()
                    && removedServed.isEmpty() && addedForward.isEmpty() && removedForward.isEmpty()
                    && dns.isEmpty()) {
                return null;
            }
            upserted.sort(null);
            removed.sort(null);
            added.sort(null);
            dropped.sort(null);
            return new MapDelta(peer.serial, peer.serial + 1, config, upserted, removed, added, dropped,
                    addedRoutes, removedRoutes, addedServed, removedServed, addedForward, removedForward,
                    dns.addedGroups(), dns.removedGroups(), dns.addedZones(), dns.removedZones(), dns.addedRecords(),
                    dns.removedRecords());
        }

        /** The entries of {@code after} not in {@code before}, in the (sorted) order of {@code after}. */
        private static <T> List<T> missingFrom(List<T> before, List<T> after) {
            if (before.equals(after)) {
                return List.of();
            }
            Set<T> held = new HashSet<>(before);
            return after.stream().filter(entry -> !held.contains(entry)).toList();
        }

        private boolean looksChanged(PeerSlot remote) {
            PeerNode before = nodesBefore.get(remote);
            return !dnsDomainBefore.equals(network.dnsDomain())
                    || (before != null && before.looksDifferentFrom(remote.node));
        }
    }
}
