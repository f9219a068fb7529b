package io.netloom.server.audit.history;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.AccountState;
import io.netloom.server.api.InvalidQueryParameterException;
import io.netloom.server.security.Caller;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The checks every history and export request shares: who may ask, and how times and peers are given. */
public final class HistoryRequests {

    private HistoryRequests() {
    }

    /** Owners, admins and auditors read an account's history; a user gets a 403. */
    public static void requireReader(Caller caller) {
        if (!caller.canReadAccount()) {
            throw CommandRejectedException.permissionDenied("only owners, admins and auditors may read the history");
        }
    }

    /** An RFC 3339 time with an offset, or null when absent; anything else is a 400 naming the parameter. */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException malformed) {
            throw new InvalidQueryParameterException(name + " must be an RFC 3339 time such as"
                    + " 2026-01-31T14:00:00Z (an offset's + written as %2B)");
        }
    }

    public static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidQueryParameterException("from must not be after to");
        }
    }

    /**
     * The peer as the account knew it at that moment. A peer of another account, or one not enrolled (or already
     * deleted) then, is a 404 alike, so that no one learns another account's peer ids.
     */
    public static AccountState.PeerRecord peer(HistoricState state, String name, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidQueryParameterException(name + " is required: a peer id");
        }
        return state.state().peer(new PeerId(id)).orElseThrow(() -> CommandRejectedException.notFound(
                name + " " + id + ": no such peer in this account at " + state.at()));
    }
}
