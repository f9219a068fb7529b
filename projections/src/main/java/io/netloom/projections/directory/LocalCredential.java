package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import java.util.Locale;

/** A person's password in the embedded user store, as its hash, found by the email they sign in with. */
public record LocalCredential(UserId userId, AccountId accountId, String email, String passwordHash,
        boolean changeRequired) {

    /** Sign-in names are compared without regard to case, as mailboxes are. */
    public static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
