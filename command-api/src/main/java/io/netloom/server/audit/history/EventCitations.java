package io.netloom.server.audit.history;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.ScimTokenView;
import io.netloom.projections.directory.TokenView;
import io.netloom.projections.history.EventPosition;
import io.netloom.projections.history.EventRef;
import io.netloom.server.axon.Initiator;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Turns the events behind a history answer into citations, naming their actors as the directory knows them now. */
@Component
public class EventCitations {

    private static final String TOKEN_PREFIX = "token:";
    /** What {@code ScimClient} records for a SCIM client's changes. */
    private static final String SCIM_PREFIX = "scim:";

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

    /** How an event's actor is carried in its {@code EventRef}: the token, then the user who used it. */
    static String throughToken(String token, String user) {
        return TOKEN_PREFIX + token + ":" + user;
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
        if (initiator.startsWith(TOKEN_PREFIX)) {
            String[] tokenAndUser = initiator.substring(TOKEN_PREFIX.length()).split(":", 2);
            String user = tokenAndUser.length > 1 ? tokenAndUser[1] : "";
            String name = typed(tokenAndUser[0], TokenId::new).flatMap(directory::tokenById)
                    .filter(token -> token.accountId().equals(account)).map(TokenView::name).orElse("");
            return new CitedEvent.Actor("token", tokenAndUser[0], name, person(records, user));
        }
        if (initiator.startsWith(SCIM_PREFIX)) {
            String token = initiator.substring(SCIM_PREFIX.length());
            String name = records.flatMap(found -> typed(token, TokenId::new).flatMap(found::scimToken))
                    .map(ScimTokenView::name).orElse("");
            return new CitedEvent.Actor("scim_token", token, name);
        }
        if (records.isPresent()) {
            var key = typed(initiator, SetupKeyId::new).flatMap(records.get()::setupKey);
            if (key.isPresent()) {
                return new CitedEvent.Actor("setup_key", initiator, key.get().name());
            }
            var peer = typed(initiator, PeerId::new).flatMap(records.get()::peer);
            if (peer.isPresent()) {
                return new CitedEvent.Actor("peer", initiator, peer.get().name());
            }
        }
        // A user, or one deleted since: then the id is all that is left to name them by.
        return person(records, initiator);
    }

    private static CitedEvent.Actor person(Optional<AccountRecords> records, String user) {
        String name = records.flatMap(found -> typed(user, UserId::new).flatMap(found::user))
                .map(found -> found.name().isBlank() ? found.email() : found.name()).orElse("");
        return new CitedEvent.Actor("user", user, name);
    }

    /** The id as its type, or empty when it is not one (an actor recorded in another form). */
    private static <T> Optional<T> typed(String id, Function<String, T> type) {
        try {
            return Optional.of(type.apply(id));
        } catch (CommandRejectedException malformed) {
            return Optional.empty();
        }
    }
}
