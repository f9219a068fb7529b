package io.netloom.projections.history;

import io.netloom.domain.account.AccountSettingsUpdatedEvent;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupDeletedEvent;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.group.PeersRemovedFromGroupEvent;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.network.NetworkDeletedEvent;
import io.netloom.domain.network.NetworkResourceCreatedEvent;
import io.netloom.domain.network.NetworkResourceDeletedEvent;
import io.netloom.domain.network.NetworkResourceUpdatedEvent;
import io.netloom.domain.network.NetworkRouterCreatedEvent;
import io.netloom.domain.network.NetworkRouterDeletedEvent;
import io.netloom.domain.network.NetworkRouterUpdatedEvent;
import io.netloom.domain.peer.PeerApprovedEvent;
import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerDeletedEvent;
import io.netloom.domain.peer.PeerDisconnectedEvent;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerLoginExpiredEvent;
import io.netloom.domain.peer.PeerLoginRenewedEvent;
import io.netloom.domain.peer.PeerOverlayIpChangedEvent;
import io.netloom.domain.peer.PeerExtraDnsLabelsChangedEvent;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.domain.policy.PolicyCreatedEvent;
import io.netloom.domain.policy.PolicyDeletedEvent;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PolicyUpdatedEvent;
import io.netloom.domain.route.RouteCreatedEvent;
import io.netloom.domain.route.RouteDeletedEvent;
import io.netloom.domain.route.RouteUpdatedEvent;
import io.netloom.domain.setupkey.SetupKeyCreatedEvent;
import io.netloom.domain.user.UserBlockedEvent;
import io.netloom.domain.user.UserDeletedEvent;
import io.netloom.domain.user.UserUnblockedEvent;
import io.netloom.projections.networkmap.PolicySpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tells, from an event's kind and payload and the state just after it, whether the event can have changed the
 * flows between two peers, so that a timeline asks the calculator only after those. It never decides access: a
 * "yes" only means "evaluate". Whatever it does not know for sure it answers "yes".
 *
 * <p>What {@code AccessFlows.between} reads is the two peers' nodes (standing, owner, address), their groups, the
 * policies and the blocked users; routes and networks never add inbound rules, and presence, names and the DNS
 * configuration are not read. A policy event matters when the policy named a group of either peer before or after it: which policies
 * name those groups is remembered, and refreshed whenever something else about the pair was evaluated (their
 * groups change only by events that are).
 */
final class PairRelevance {

    private final PeerId source;
    private final PeerId destination;
    private final Set<GroupId> pairGroups = new HashSet<>();
    /** Each known policy: whether its rules, as last seen, name a group of either peer. */
    private final Map<PolicyId, Boolean> policiesNamingPair = new HashMap<>();

    PairRelevance(PeerId source, PeerId destination) {
        this.source = source;
        this.destination = destination;
    }

    /** Whether {@code payload}, just applied to {@code after}, can have changed the pair's flows. */
    boolean canChange(Object payload, AccountState after) {
        if (payload instanceof PeerConnectedEvent || payload instanceof PeerDisconnectedEvent
                || payload instanceof PeerRenamedEvent || payload instanceof PeerExtraDnsLabelsChangedEvent
                || payload instanceof SetupKeyCreatedEvent
                || isRouting(payload) || AccessNeutralEvents.DNS.contains(payload.getClass())) {
            return false;
        }
        if (payload instanceof PolicyCreatedEvent event) {
            return policyChanged(event.policyId(), after);
        }
        if (payload instanceof PolicyUpdatedEvent event) {
            return policyChanged(event.policyId(), after);
        }
        if (payload instanceof PolicyDeletedEvent event) {
            return policyChanged(event.policyId(), after);
        }
        if (payload instanceof PeersAddedToGroupEvent event) {
            return namesPair(event.peerIds());
        }
        if (payload instanceof PeersRemovedFromGroupEvent event) {
            return namesPair(event.peerIds());
        }
        if (payload instanceof GroupCreatedEvent event) {
            // A new group has no members yet; only the built-in one takes in every peer at once.
            return event.builtIn();
        }
        if (payload instanceof GroupDeletedEvent event) {
            return pairGroups.contains(event.groupId());
        }
        if (payload instanceof UserBlockedEvent event) {
            return ownsEither(event.userId(), after);
        }
        if (payload instanceof UserDeletedEvent event) {
            return ownsEither(event.userId(), after);
        }
        if (payload instanceof UserUnblockedEvent event) {
            return ownsEither(event.userId(), after);
        }
        PeerId peer = peerOf(payload);
        if (peer != null) {
            return peer.equals(source) || peer.equals(destination);
        }
        return !(payload instanceof AccountSettingsUpdatedEvent);
    }

    /**
     * Takes note of the state after an event that was evaluated: the pair's groups may have changed, and with them
     * which policies name them. Policy events keep their own note up to date in {@link #canChange}.
     */
    void evaluated(Object payload, AccountState after) {
        if (payload instanceof PolicyCreatedEvent || payload instanceof PolicyUpdatedEvent
                || payload instanceof PolicyDeletedEvent) {
            return;
        }
        pairGroups.clear();
        pairGroups.addAll(after.groupsOf(source));
        pairGroups.addAll(after.groupsOf(destination));
        policiesNamingPair.clear();
        after.policies().forEach((id, policy) -> policiesNamingPair.put(id, namesPairGroup(policy.spec())));
    }

    private boolean policyChanged(PolicyId id, AccountState after) {
        boolean before = policiesNamingPair.getOrDefault(id, false);
        AccountState.PolicyRecord now = after.policies().get(id);
        boolean named = now != null && namesPairGroup(now.spec());
        if (now == null) {
            policiesNamingPair.remove(id);
        } else {
            policiesNamingPair.put(id, named);
        }
        return before || named;
    }

    private boolean namesPairGroup(PolicySpec policy) {
        for (PolicyRule rule : policy.rules()) {
            for (GroupId group : rule.sources()) {
                if (pairGroups.contains(group)) {
                    return true;
                }
            }
            for (GroupId group : rule.destinations()) {
                if (pairGroups.contains(group)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean namesPair(Set<PeerId> peers) {
        return peers.contains(source) || peers.contains(destination);
    }

    private boolean ownsEither(UserId user, AccountState after) {
        return owns(user, source, after) || owns(user, destination, after);
    }

    private static boolean owns(UserId user, PeerId peer, AccountState after) {
        return after.peer(peer).map(record -> user.equals(record.node().owner())).orElse(false);
    }

    /** The peer a peer event is about; null for any other event. */
    private static PeerId peerOf(Object payload) {
        if (payload instanceof PeerEnrolledEvent event) {
            return event.peerId();
        }
        if (payload instanceof PeerApprovedEvent event) {
            return event.peerId();
        }
        if (payload instanceof PeerLoginExpiredEvent event) {
            return event.peerId();
        }
        if (payload instanceof PeerLoginRenewedEvent event) {
            return event.peerId();
        }
        if (payload instanceof PeerOverlayIpChangedEvent event) {
            return event.peerId();
        }
        if (payload instanceof PeerDeletedEvent event) {
            return event.peerId();
        }
        return null;
    }

    private static boolean isRouting(Object payload) {
        return payload instanceof RouteCreatedEvent || payload instanceof RouteUpdatedEvent
                || payload instanceof RouteDeletedEvent || payload instanceof NetworkDeletedEvent
                || payload instanceof NetworkResourceCreatedEvent || payload instanceof NetworkResourceUpdatedEvent
                || payload instanceof NetworkResourceDeletedEvent || payload instanceof NetworkRouterCreatedEvent
                || payload instanceof NetworkRouterUpdatedEvent || payload instanceof NetworkRouterDeletedEvent;
    }
}
