package io.netloom.server.audit.history;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.history.EventPosition;
import io.netloom.projections.history.EventRef;
import io.netloom.server.axon.Initiator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Turns the events behind a history answer into citations, naming their actors as the directory knows them now. */
@Component
public class EventCitations {

    private final Directory directory;
    private final HistoryEvents events;

    public EventCitations(Directory directory, HistoryEvents events) {
        this.directory = directory;
        this.events = events;
    }

    /** The citation of the event at that chain position, or null for none (a change only proposed, in a dry run). */
    public CitedEvent cite(AccountId account, EventPosition position) {
        return position == null ? null : events.ref(account, position).map(event -> cite(account, event)).orElse(null);
    }

    /** The citation of the event, or null for none (a change only proposed, in a dry run). */
    public CitedEvent cite(AccountId account, EventRef event) {
        if (event == null) {
            return null;
        }
        return new CitedEvent(event.position(), event.occurredAt(), event.eventId(), event.kind(),
                actor(account, event.actor()), new CitedEvent.Resource(event.resourceType(), event.resourceId()));
    }

    private CitedEvent.Actor actor(AccountId account, String initiator) {
        if (initiator.equals(Initiator.SYSTEM.id())) {
            return new CitedEvent.Actor("system", initiator, "Netloom");
        }
        if (initiator.startsWith("directory-sync:")) {
            return new CitedEvent.Actor("directory_sync", initiator.substring("directory-sync:".length()), "");
        }
        if (initiator.startsWith("back-channel-logout:")) {
            return new CitedEvent.Actor("logout", initiator.substring("back-channel-logout:".length()), "");
        }
        Optional<AccountRecords> records = directory.account(account);
        if (records.isEmpty()) {
            return new CitedEvent.Actor("user", initiator, "");
        }
        var user = records.get().user(new UserId(initiator));
        if (user.isPresent()) {
            return new CitedEvent.Actor("user", initiator,
                    user.get().name().isBlank() ? user.get().email() : user.get().name());
        }
        var key = records.get().setupKey(new SetupKeyId(initiator));
        if (key.isPresent()) {
            return new CitedEvent.Actor("setup_key", initiator, key.get().name());
        }
        var peer = records.get().peer(new PeerId(initiator));
        if (peer.isPresent()) {
            return new CitedEvent.Actor("peer", initiator, peer.get().name());
        }
        // A user deleted since: the id is all that is left to name them by.
        return new CitedEvent.Actor("user", initiator, "");
    }
}
