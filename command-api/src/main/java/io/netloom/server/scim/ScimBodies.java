package io.netloom.server.scim;

import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a SCIM request body: JSON (as application/scim+json or application/json), one object, a key at most once,
 * and a {@code schemas} list naming only URNs this endpoint knows. Anything else is the client's error, answered
 * before anything changes.
 */
final class ScimBodies {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ScimBodies() {
    }

    static JsonNode read(String contentType, String body, Set<String> allowedSchemas) {
        if (!ScimMedia.isAccepted(contentType)) {
            throw ScimException.status(415, "send the request body as application/scim+json or application/json");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body == null ? "" : body);
        } catch (JacksonException malformed) {
            throw ScimException.invalidSyntax("the request body is not well-formed JSON");
        }
        if (node == null || !node.isObject()) {
            throw ScimException.invalidSyntax("the request body must be a JSON object");
        }
        JsonNode schemas = node.get("schemas");
        if (schemas == null || !schemas.isArray() || schemas.isEmpty()) {
            throw ScimException.invalidSyntax("\"schemas\" must list the resource's schema URNs");
        }
        for (JsonNode schema : schemas) {
            if (!schema.isString() || !allowedSchemas.contains(schema.asString())) {
                throw ScimException.invalidValue("unknown or unsupported schema " + shortened(schema.toString())
                        + "; this endpoint takes " + String.join(", ", allowedSchemas));
            }
        }
        return node;
    }

    static String shortened(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
