package io.netloom.server.scim;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The typed reading of single attribute values. SCIM clients differ: Entra ID sends booleans as the strings
 * "True" and "False", so those are booleans too; everything else must have its JSON type.
 */
final class ScimValues {

    private ScimValues() {
    }

    static Optional<String> optionalString(JsonNode value, String attribute) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw ScimException.invalidValue("\"" + attribute + "\" must be a string");
        }
        String text = value.asString();
        // A control character or half a surrogate pair is no part of a name, an email or a provider's subject; it
        // would only be stored and sent on to every reader of the user (and break a JSON or SQL store that checks).
        if (text.chars().anyMatch(Character::isISOControl) || !isWellFormed(text)) {
            throw ScimException.invalidValue("\"" + attribute + "\" contains control characters or malformed text");
        }
        return Optional.of(text);
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static String string(JsonNode value, String attribute) {
        return optionalString(value, attribute)
                .orElseThrow(() -> ScimException.invalidValue("\"" + attribute + "\" must be a string"));
    }

    static boolean bool(JsonNode value, String attribute) {
        if (value != null && value.isBoolean()) {
            return value.asBoolean();
        }
        if (value != null && value.isString()) {
            String text = value.asString().strip();
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw ScimException.invalidValue("\"" + attribute + "\" must be true or false");
    }
}
