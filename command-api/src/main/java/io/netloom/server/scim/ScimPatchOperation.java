package io.netloom.server.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One operation of an RFC 7644 §3.5.2 PATCH request. Clients differ in spelling ("Replace", "replace"), so the op
 * name ignores case, as do attribute paths; a path may carry the resource's core schema URN as a prefix.
 *
 * @param path the path in lower case without the core schema prefix; empty when the value names the attributes
 */
record ScimPatchOperation(Op op, Optional<String> path, JsonNode value) {

    private static final int MAX_OPERATIONS = 1000;

    enum Op { ADD, REPLACE, REMOVE }

    static List<ScimPatchOperation> listFrom(JsonNode body, String coreSchema) {
        JsonNode operations = body.get("Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("a PATCH request needs a non-empty \"Operations\" array");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw ScimException.invalidValue("at most " + MAX_OPERATIONS + " operations per request");
        }
        List<ScimPatchOperation> result = new ArrayList<>();
        for (JsonNode operation : operations) {
            result.add(of(operation, coreSchema));
        }
        return result;
    }

    private static ScimPatchOperation of(JsonNode operation, String coreSchema) {
        if (!operation.isObject()) {
            throw ScimException.invalidSyntax("each operation must be a JSON object");
        }
        String name = ScimValues.optionalString(operation.get("op"), "op")
                .orElseThrow(() -> ScimException.invalidSyntax("each operation needs an \"op\""));
        Op op = switch (name.toLowerCase(Locale.ROOT)) {
            case "add" -> Op.ADD;
            case "replace" -> Op.REPLACE;
            case "remove" -> Op.REMOVE;
            default -> throw ScimException.invalidSyntax("\"op\" must be add, replace or remove");
        };
        Optional<String> path = ScimValues.optionalString(operation.get("path"), "path")
                .map(raw -> withoutSchema(raw.strip(), coreSchema));
        JsonNode value = operation.get("value");
        if (op != Op.REMOVE && (value == null || value.isNull())) {
            throw ScimException.invalidValue("an " + name + " operation needs a \"value\"");
        }
        if (path.isEmpty() && op == Op.REMOVE) {
            throw ScimException.noTarget("a remove operation needs a \"path\"");
        }
        if (path.isEmpty() && !value.isObject()) {
            throw ScimException.invalidValue("an operation without a \"path\" needs an object of attributes as value");
        }
        return new ScimPatchOperation(op, path, value);
    }

    static String withoutSchema(String path, String coreSchema) {
        String lower = path.toLowerCase(Locale.ROOT);
        String prefix = coreSchema.toLowerCase(Locale.ROOT) + ":";
        return lower.startsWith(prefix) ? lower.substring(prefix.length()) : lower;
    }
}
