package io.netloom.domain.group;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.netloom.domain.common.AccountScope;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Names;
import io.netloom.domain.common.Required;
import io.netloom.domain.common.StableSets;
import io.netloom.domain.common.Texts;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

/**
 * A named set of peers that policies and auto-groups refer to.
 *
 * <p>Snapshotted (ADR 0052): its fields are its snapshot. Whoever changes a field raises the revision, so that
 * snapshots of the old shape are ignored and the aggregate is rebuilt from its events.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@Revision("1")
public class Group {

    @AggregateIdentifier
    private GroupId groupId;
    private AccountId accountId;
    private String name;
    private boolean builtIn;
    private final Set<PeerId> peers = new HashSet<>();
    private String externalId = "";

    public Group() {
        // Required by Axon to construct an empty instance before replaying its events.
    }

    @CommandHandler
    public Group(CreateGroupCommand command) {
        Required.present(command.accountId(), "account");
        String validName = Names.requireValid(command.name(), "group name");
        Set<PeerId> members = StableSets.copyOf(command.peers(), "peers");
        GroupIssuer issued = command.issued() == null ? GroupIssuer.API : command.issued();
        apply(new GroupCreatedEvent(command.groupId(), command.accountId(), validName, command.builtIn(), issued));
        if (!members.isEmpty()) {
            apply(new PeersAddedToGroupEvent(command.groupId(), command.accountId(), members));
        }
    }

    @CommandHandler
    public void handle(UpdateGroupCommand command) {
        requireSameAccount(command.accountId());
        if (builtIn) {
            // Membership of "All" is maintained by the system so that it always means every peer.
            throw CommandRejectedException.preconditionFailed("the All group cannot be modified");
        }
        String newName = Names.requireValid(command.name(), "group name");
        Set<PeerId> newPeers = StableSets.copyOf(command.peers(), "peers");
        Set<PeerId> added = StableSets.difference(newPeers, peers);
        Set<PeerId> removed = StableSets.difference(peers, newPeers);
        if (!newName.equals(name)) {
            apply(new GroupRenamedEvent(groupId, accountId, newName));
        }
        if (!added.isEmpty()) {
            apply(new PeersAddedToGroupEvent(groupId, accountId, added));
        }
        if (!removed.isEmpty()) {
            apply(new PeersRemovedFromGroupEvent(groupId, accountId, removed));
        }
    }

    @CommandHandler
    public void handle(AddPeerToGroupCommand command) {
        requireSameAccount(command.accountId());
        requireExplicitMembership();
        PeerId peerId = Required.present(command.peerId(), "peer");
        if (!peers.contains(peerId)) {
            apply(new PeersAddedToGroupEvent(groupId, accountId, Set.of(peerId)));
        }
    }

    @CommandHandler
    public void handle(RemovePeerFromGroupCommand command) {
        requireSameAccount(command.accountId());
        requireExplicitMembership();
        PeerId peerId = Required.present(command.peerId(), "peer");
        if (peers.contains(peerId)) {
            apply(new PeersRemovedFromGroupEvent(groupId, accountId, Set.of(peerId)));
        }
    }

    @CommandHandler
    public void handle(SetGroupExternalIdCommand command) {
        requireSameAccount(command.accountId());
        if (builtIn) {
            throw CommandRejectedException.preconditionFailed("the All group is not provisioned");
        }
        String newExternalId = Texts.optional(Required.present(command.externalId(), "external id"), "external id",
                255);
        if (newExternalId.isBlank() || newExternalId.chars().anyMatch(Character::isISOControl)) {
            throw CommandRejectedException.invalid("external id must be non-blank text without control characters");
        }
        if (!newExternalId.equals(externalId)) {
            apply(new GroupExternalIdSetEvent(groupId, accountId, newExternalId));
        }
    }

    @CommandHandler
    public void handle(DeleteGroupCommand command) {
        requireSameAccount(command.accountId());
        if (builtIn) {
            throw CommandRejectedException.preconditionFailed("the All group cannot be deleted");
        }
        apply(new GroupDeletedEvent(groupId, accountId));
    }

    /** Every peer of the account is in the All group by definition; recording it per peer would only contend. */
    private void requireExplicitMembership() {
        if (builtIn) {
            throw CommandRejectedException.preconditionFailed(
                    "membership of the All group is implicit: every peer of the account belongs to it");
        }
    }

    @EventSourcingHandler
    void on(GroupCreatedEvent event) {
        groupId = event.groupId();
        accountId = event.accountId();
        name = event.name();
        builtIn = event.builtIn();
    }

    @EventSourcingHandler
    void on(GroupRenamedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(PeersAddedToGroupEvent event) {
        peers.addAll(event.peerIds());
    }

    @EventSourcingHandler
    void on(PeersRemovedFromGroupEvent event) {
        peers.removeAll(event.peerIds());
    }

    @EventSourcingHandler
    void on(GroupExternalIdSetEvent event) {
        externalId = event.externalId();
    }

    @EventSourcingHandler
    void on(GroupDeletedEvent event) {
        markDeleted();
    }

    private void requireSameAccount(AccountId requested) {
        AccountScope.requireSameAccount(accountId, requested, "group");
    }
}
