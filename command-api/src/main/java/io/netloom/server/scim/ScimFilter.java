package io.netloom.server.scim;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one filter form SCIM clients use to find a resource before they create it (RFC 7644 §3.4.2.2):
 * {@code attribute eq "value"}, for the attributes an endpoint supports. Anything else ({@code or}, {@code and},
 * {@code co}, other attributes) is refused with {@code invalidFilter} rather than answered wrongly.
 *
 * @param attribute the attribute's canonical name, as the endpoint listed it
 */
record ScimFilter(String attribute, String value) {

    private static final int MAX_LENGTH = 1024;

    /**
     * @param supported the filterable attributes by lower-case name (SCIM attribute names ignore case), each
     *        mapped to its canonical name
     * @param schemaUrn the resource's core schema, which may prefix an attribute name
     */
    static Optional<ScimFilter> parse(String raw, Map<String, String> supported, String schemaUrn) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw ScimException.invalidFilter("the filter must be 1 to " + MAX_LENGTH + " characters");
        }
        int space = text.indexOf(' ');
        if (space < 0) {
            throw unsupported(supported);
        }
        String attribute = text.substring(0, space);
        String prefix = schemaUrn.toLowerCase(Locale.ROOT) + ":";
        String key = attribute.toLowerCase(Locale.ROOT);
        if (key.startsWith(prefix)) {
            key = key.substring(prefix.length());
        }
        String canonical = supported.get(key);
        String rest = text.substring(space).stripLeading();
        if (canonical == null || !rest.regionMatches(true, 0, "eq ", 0, 3)) {
            throw unsupported(supported);
        }
        return Optional.of(new ScimFilter(canonical, quoted(rest.substring(3).strip(), supported)));
    }

    /** A JSON string literal and nothing after it. */
    private static String quoted(String literal, Map<String, String> supported) {
        if (literal.length() < 2 || literal.charAt(0) != '"') {
            throw ScimException.invalidFilter("the compared value must be a string in double quotes");
        }
        StringBuilder value = new StringBuilder();
        int i = 1;
        while (i < literal.length()) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length()) {
                value.append(literal.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                if (i != literal.length() - 1) {
                    throw unsupported(supported);
                }
                return value.toString();
            }
            value.append(c);
            i++;
        }
        throw ScimException.invalidFilter("the compared value's closing quote is missing");
    }

    private static ScimException unsupported(Map<String, String> supported) {
        return ScimException.invalidFilter("only filters of the form 'attribute eq \"value\"' are supported, for "
                + String.join(", ", supported.values().stream().sorted().toList()));
    }

    boolean matches(Optional<String> actual, boolean caseExact) {
        return actual.map(known -> caseExact ? known.equals(value) : known.equalsIgnoreCase(value)).orElse(false);
    }
}
