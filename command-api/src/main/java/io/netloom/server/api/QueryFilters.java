package io.netloom.server.api;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values of NetBird's list filters, checked before use: an empty value means "no filter" (as in
 * NetBird, where the handlers test for the empty string), anything else must be a value the filter
 * can meaningfully compare with, or the request is a 400.
 */
final class QueryFilters {

    /** Longer than any name Netloom stores (peer and group names are at most 255 characters). */
    static final int MAX_TEXT_LENGTH = 255;

    /** A piece of an IPv4 or IPv6 address, as NetBird's substring match on addresses accepts. */
    private static final Pattern ADDRESS_FRAGMENT = Pattern.compile("[0-9A-Fa-f.:]{1,45}");

    /** What Go's {@code strconv.ParseBool}, which NetBird parses {@code service_user} with, accepts. */
    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    private QueryFilters() {
    }

    /** A text filter, or empty when absent or empty. */
    static Optional<String> text(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw new InvalidQueryParameterException(
                    "query parameter \"" + parameter + "\" is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidQueryParameterException(
                    "query parameter \"" + parameter + "\" must not contain control characters");
        }
        return Optional.of(value);
    }

    /** A case-insensitive substring filter (NetBird's {@code LIKE '%value%'}), or empty. */
    static Optional<String> substring(String parameter, String value) {
        return text(parameter, value).map(text -> text.toLowerCase(Locale.ROOT));
    }

    /** An address fragment to find inside peers' addresses, or empty. */
    static Optional<String> addressFragment(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (!ADDRESS_FRAGMENT.matcher(value).matches()) {
            throw new InvalidQueryParameterException("query parameter \"" + parameter
                    + "\" must be an IP address or a part of one (digits, hexadecimal letters, '.' and ':')");
        }
        return Optional.of(value.toLowerCase(Locale.ROOT));
    }

    /** A boolean filter, or empty when absent or empty. */
    static Optional<Boolean> bool(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (TRUE.contains(value)) {
            return Optional.of(true);
        }
        if (FALSE.contains(value)) {
            return Optional.of(false);
        }
        throw new InvalidQueryParameterException("query parameter \"" + parameter + "\" must be true or false");
    }
}
