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
        return Optional.of(value.asString());
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
