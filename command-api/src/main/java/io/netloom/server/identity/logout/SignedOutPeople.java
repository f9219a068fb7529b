package io.netloom.server.identity.logout;

import io.netloom.domain.ids.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * When each person's provider last signed them out (a back-channel logout): a Netloom sign-in session or token that
 * proved who they are before that moment is over. One instant per user, so it never holds more than the users.
 */
@Component
public class SignedOutPeople {

    private final Map<UserId, Instant> lastSignOut = new ConcurrentHashMap<>();

    public void signedOut(UserId user, Instant at) {
        lastSignOut.merge(user, at, (known, later) -> later.isAfter(known) ? later : known);
    }

    /** True when the person proved who they are at {@code signedInAt}, not after their provider signed them out. */
    public boolean isOver(UserId user, Instant signedInAt) {
        Instant signedOut = lastSignOut.get(user);
        return signedOut != null && !signedInAt.isAfter(signedOut);
    }
}
