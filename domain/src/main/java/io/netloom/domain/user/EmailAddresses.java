package io.netloom.domain.user;

import io.netloom.domain.common.CommandRejectedException;

/**
 * A deliberately loose shape check: the identity provider owns real verification, the domain only keeps
 * obvious garbage out of the user list.
 */
final class EmailAddresses {

    private static final int MAX_LENGTH = 320;

    private EmailAddresses() {
    }

    static String requireValid(String email) {
        String value = email == null ? "" : email.strip();
        int at = value.indexOf('@');
        boolean wellFormed = at > 0
                && at == value.lastIndexOf('@')
                && at < value.length() - 1
                && value.length() <= MAX_LENGTH
                && value.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
        if (!wellFormed) {
            throw CommandRejectedException.invalid("email must be an address such as alice@example.com");
        }
        return value;
    }

    /** Absent or blank becomes "", for users that need no mailbox. */
    static String optional(String email) {
        return email == null || email.isBlank() ? "" : requireValid(email);
    }
}
