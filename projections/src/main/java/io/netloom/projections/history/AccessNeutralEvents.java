package io.netloom.projections.history;

import io.netloom.domain.account.ScimTokenCreatedEvent;
import io.netloom.domain.account.ScimTokenRevokedEvent;
import io.netloom.domain.dns.DnsRecordCreatedEvent;
import io.netloom.domain.dns.DnsRecordDeletedEvent;
import io.netloom.domain.dns.DnsRecordUpdatedEvent;
import io.netloom.domain.dns.DnsSettingsUpdatedEvent;
import io.netloom.domain.dns.DnsZoneCreatedEvent;
import io.netloom.domain.dns.DnsZoneDeletedEvent;
import io.netloom.domain.dns.DnsZoneUpdatedEvent;
import io.netloom.domain.dns.NameserverGroupCreatedEvent;
import io.netloom.domain.dns.NameserverGroupDeletedEvent;
import io.netloom.domain.dns.NameserverGroupUpdatedEvent;
import io.netloom.domain.group.GroupExternalIdSetEvent;
import io.netloom.domain.group.GroupRenamedEvent;
import io.netloom.domain.network.NetworkCreatedEvent;
import io.netloom.domain.network.NetworkUpdatedEvent;
import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerDisconnectedEvent;
import io.netloom.domain.peer.PeerMetadataUpdatedEvent;
import io.netloom.domain.peer.PeerExtraDnsLabelsChangedEvent;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.domain.peer.PeerSettingsChangedEvent;
import io.netloom.domain.setupkey.SetupKeyAutoGroupsChangedEvent;
import io.netloom.domain.setupkey.SetupKeyDeletedEvent;
import io.netloom.domain.setupkey.SetupKeyRevokedEvent;
import io.netloom.domain.user.LocalPasswordSetEvent;
import io.netloom.domain.user.PersonalAccessTokenCreatedEvent;
import io.netloom.domain.user.PersonalAccessTokenDeletedEvent;
import io.netloom.domain.user.UserAutoGroupsChangedEvent;
import io.netloom.domain.user.UserCreatedEvent;
import io.netloom.domain.user.UserExternalIdSetEvent;
import io.netloom.domain.user.UserLoggedInEvent;
import io.netloom.domain.user.UserRenamedEvent;
import io.netloom.domain.user.UserRoleChangedEvent;
import io.netloom.domain.user.UserSignedInEvent;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Events that never change who can reach whom, so that an access timeline need not even read them: every event
 * the network-map projection ignores (sign-ins, tokens, names, settings and setup keys' own bookkeeping), and of
 * those it applies only peers connecting, disconnecting, being renamed and changing their extra DNS labels
 * (ADR 0046), which change presence and names but no inbound rule, and the DNS configuration (ADR 0043), which
 * changes what names resolve on the peers but no remote peer, inbound rule or route. Anything else the projection
 * applies changes some input of the maps' access and is always read ({@code AccessNeutralEventsTest} holds this
 * list to that).
 */
public final class AccessNeutralEvents {

    public static final List<Class<?>> TYPES = List.of(
            PeerConnectedEvent.class, PeerDisconnectedEvent.class, PeerRenamedEvent.class,
            PeerExtraDnsLabelsChangedEvent.class, ScimTokenCreatedEvent.class, ScimTokenRevokedEvent.class,
            GroupExternalIdSetEvent.class, GroupRenamedEvent.class,
            NetworkCreatedEvent.class, NetworkUpdatedEvent.class,
            PeerMetadataUpdatedEvent.class, PeerSettingsChangedEvent.class,
            SetupKeyAutoGroupsChangedEvent.class, SetupKeyDeletedEvent.class, SetupKeyRevokedEvent.class,
            LocalPasswordSetEvent.class, PersonalAccessTokenCreatedEvent.class, PersonalAccessTokenDeletedEvent.class,
            UserAutoGroupsChangedEvent.class, UserCreatedEvent.class, UserExternalIdSetEvent.class,
            UserLoggedInEvent.class, UserRenamedEvent.class, UserRoleChangedEvent.class, UserSignedInEvent.class,
            DnsSettingsUpdatedEvent.class, NameserverGroupCreatedEvent.class, NameserverGroupUpdatedEvent.class,
            NameserverGroupDeletedEvent.class, DnsZoneCreatedEvent.class, DnsZoneUpdatedEvent.class,
            DnsZoneDeletedEvent.class, DnsRecordCreatedEvent.class, DnsRecordUpdatedEvent.class,
            DnsRecordDeletedEvent.class);

    /** The DNS configuration's events: applied to the maps (their DNS sections), never to anyone's access. */
    public static final List<Class<?>> DNS = List.of(DnsSettingsUpdatedEvent.class, NameserverGroupCreatedEvent.class,
            NameserverGroupUpdatedEvent.class, NameserverGroupDeletedEvent.class, DnsZoneCreatedEvent.class,
            DnsZoneUpdatedEvent.class, DnsZoneDeletedEvent.class, DnsRecordCreatedEvent.class,
            DnsRecordUpdatedEvent.class, DnsRecordDeletedEvent.class);

    private AccessNeutralEvents() {
    }

    /** Peers connecting and disconnecting: the bulk of a long history, and nothing an auditor's answer shows. */
    public static final List<Class<?>> PRESENCE = List.of(PeerConnectedEvent.class, PeerDisconnectedEvent.class);

    /** Their payload type names as the event store records them. */
    public static Set<String> payloadTypes() {
        return TYPES.stream().map(Class::getName).collect(Collectors.toUnmodifiableSet());
    }

    /** The presence events' payload type names. */
    public static Set<String> presencePayloadTypes() {
        return PRESENCE.stream().map(Class::getName).collect(Collectors.toUnmodifiableSet());
    }
}
