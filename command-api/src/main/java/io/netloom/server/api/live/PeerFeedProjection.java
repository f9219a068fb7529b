package io.netloom.server.api.live;

import io.netloom.domain.account.AccountSettingsUpdatedEvent;
import io.netloom.domain.group.GroupDeletedEvent;
import io.netloom.domain.group.GroupRenamedEvent;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.group.PeersRemovedFromGroupEvent;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.PeerApprovedEvent;
import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerDeletedEvent;
import io.netloom.domain.peer.PeerDisconnectedEvent;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerExtraDnsLabelsChangedEvent;
import io.netloom.domain.peer.PeerLoginExpiredEvent;
import io.netloom.domain.peer.PeerLoginRenewedEvent;
import io.netloom.domain.peer.PeerMetadataUpdatedEvent;
import io.netloom.domain.peer.PeerOverlayIpChangedEvent;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.domain.peer.PeerSettingsChangedEvent;
import io.netloom.domain.user.PersonalAccessTokenDeletedEvent;
import io.netloom.domain.user.UserBlockedEvent;
import io.netloom.domain.user.UserDeletedEvent;
import io.netloom.domain.user.UserRoleChangedEvent;
import io.netloom.domain.user.UserUnblockedEvent;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.projections.directory.GroupView;
import io.netloom.projections.directory.PeerView;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tells the {@link PeerFeed} which peers each event may have changed the view of. It is a handler of the directory's
 * own processing group, ordered before the directory's handler, and the group's processor handles one event per unit
 * of work (ReadModelConfiguration): so the directory still holds the state before the event, and peers named through
 * a group or a user are looked up there, and a deleted peer's owner too. The feed hears of them once the directory
 * applied the event ({@link Committed}), so what it renders is the new view. Feeds whose caller may now see other
 * peers, or none, end.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
// Axon's Spring support registers a group's handlers in @Order order, and calls them in that order (ADR 0055).
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PeerFeedProjection {

    private final PeerFeed feed;
    private final Directory directory;

    public PeerFeedProjection(PeerFeed feed, Directory directory) {
        this.feed = feed;
        this.directory = directory;
    }

    @EventHandler
    void on(PeerEnrolledEvent event) {
        changed(event.accountId(), event.peerId());
    }

    @EventHandler
    void on(PeerRenamedEvent event) {
        changed(event.accountId(), event.peerId());
    }

    @EventHandler
    void on(PeerSettingsChangedEvent event) {
        changed(event.accountId(), event.peerId());
    }

    @EventHandler
    void on(PeerMetadataUpdatedEvent event) {
        changed(event.accountId(), event.peerId());
    }

    @EventHandler
    void on(PeerOverlayIpChangedEvent event) {
        changed(event.accountId(), event.peerId());
    }

    @EventHandler
    void on(PeerExtraDnsLabelsChangedEvent event) {
        changed(event.accountId(), event.peerId());
    }

    @EventHandler
    void on(PeerConnectedEvent event) {
        changed(event.accountId(), event.peerId());
    }

    @EventHandler
    void on(PeerDisconnectedEvent event) {
        changed(event.accountId(), event.peerId());
    }

    @EventHandler
    void on(PeerApprovedEvent event) {
        changed(event.accountId(), event.peerId());
    }

    @EventHandler
    void on(PeerLoginExpiredEvent event) {
        changed(event.accountId(), event.peerId());
    }

    @EventHandler
    void on(PeerLoginRenewedEvent event) {
        changed(event.accountId(), event.peerId());
    }

    @EventHandler
    void on(PeerDeletedEvent event) {
        if (!feed.watches(event.accountId())) {
            return;
        }
        UserId owner = records(event.accountId()).flatMap(records -> records.peer(event.peerId()))
                .map(PeerView::enrolledByUser).orElse(null);
        Committed.run(() -> feed.removed(event.accountId(), event.peerId(), owner));
    }

    @EventHandler
    void on(PeersAddedToGroupEvent event) {
        changed(event.accountId(), event.peerIds());
    }

    @EventHandler
    void on(PeersRemovedFromGroupEvent event) {
        changed(event.accountId(), event.peerIds());
    }

    @EventHandler
    void on(GroupRenamedEvent event) {
        changed(event.accountId(), membersOf(event.accountId(), event.groupId()));
    }

    @EventHandler
    void on(GroupDeletedEvent event) {
        changed(event.accountId(), membersOf(event.accountId(), event.groupId()));
    }

    @EventHandler
    void on(UserBlockedEvent event) {
        changed(event.accountId(), peersOf(event.accountId(), event.userId()));
        endFeedsOf(event.accountId(), event.userId());
    }

    @EventHandler
    void on(UserUnblockedEvent event) {
        changed(event.accountId(), peersOf(event.accountId(), event.userId()));
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        changed(event.accountId(), peersOf(event.accountId(), event.userId()));
        endFeedsOf(event.accountId(), event.userId());
    }

    /** Another role sees other peers: the feed opened with the old one ends. */
    @EventHandler
    void on(UserRoleChangedEvent event) {
        endFeedsOf(event.accountId(), event.userId());
    }

    @EventHandler
    void on(PersonalAccessTokenDeletedEvent event) {
        if (feed.watches(event.accountId())) {
            Committed.run(() -> feed.endFeeds(event.accountId(), caller -> event.tokenId().equals(caller.token())));
        }
    }

    /** The DNS domain names every peer; the login expiry settings change every peer's standing. */
    @EventHandler
    void on(AccountSettingsUpdatedEvent event) {
        if (!feed.watches(event.accountId())) {
            return;
        }
        changed(event.accountId(), records(event.accountId()).map(records -> records.peers().stream()
                .map(PeerView::id).toList()).orElse(List.of()));
    }

    private void changed(AccountId account, PeerId peer) {
        changed(account, List.of(peer));
    }

    private void endFeedsOf(AccountId account, UserId user) {
        if (feed.watches(account)) {
            Committed.run(() -> feed.endFeeds(account, caller -> user.equals(caller.userId())));
        }
    }

    /** Nothing is registered with the unit of work while nobody watches the account: enrollment pays nothing. */
    private void changed(AccountId account, Collection<PeerId> peers) {
        if (!peers.isEmpty() && feed.watches(account)) {
            Committed.run(() -> feed.changed(account, peers));
        }
    }

    private Set<PeerId> membersOf(AccountId account, GroupId group) {
        if (!feed.watches(account)) {
            return Set.of();
        }
        return records(account).flatMap(records -> records.group(group)).map(GroupView::peers).orElse(Set.of());
    }

    private List<PeerId> peersOf(AccountId account, UserId user) {
        if (!feed.watches(account)) {
            return List.of();
        }
        return records(account).map(records -> records.peers().stream()
                .filter(peer -> user.equals(peer.enrolledByUser())).map(PeerView::id).toList()).orElse(List.of());
    }

    private Optional<AccountRecords> records(AccountId account) {
        return directory.account(account);
    }
}
