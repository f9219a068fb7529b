package io.netloom.server.scim;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Applies PATCH operations to a user's draft. Entra ID sends {@code {"op":"Replace","path":"active","value":"False"}},
 * Okta {@code {"op":"replace","value":{"active":false}}}; both work. Attributes of the User schema that Netloom does
 * not keep (phone numbers, addresses, given and family names on their own) and the enterprise extension are accepted
 * and not kept; read-only ones ({@code id}, {@code meta}, {@code groups}) are refused with {@code mutability}.
 */
final class ScimUserPatch {

    private static final Set<String> READ_ONLY = Set.of("id", "meta", "groups", "schemas");
    private static final Set<String> NOT_KEPT = Set.of("name.givenname", "name.familyname", "name.middlename",
            "name.honorificprefix", "name.honorificsuffix", "nickname", "profileurl", "title", "usertype",
            "preferredlanguage", "locale", "timezone", "emails", "phonenumbers", "ims", "photos", "addresses",
            "entitlements", "roles", "x509certificates");

    private ScimUserPatch() {
    }

    static ScimUserDraft apply(ScimUserDraft draft, List<ScimPatchOperation> operations, String userId) {
        ScimUserDraft result = draft;
        for (ScimPatchOperation operation : operations) {
            if (operation.path().isPresent()) {
                result = applyTo(result, operation.op(), operation.path().get(), operation.value(), userId);
                continue;
            }
            for (Map.Entry<String, JsonNode> attribute : operation.value().properties()) {
                String path = ScimPatchOperation.withoutSchema(attribute.getKey(), ScimSchemas.USER);
                if (path.equals("name") && attribute.getValue().isObject()) {
                    result = ScimUserDraft.nameFromNameObject(attribute.getValue()).map(result::withName)
                            .orElse(result);
                    continue;
                }
                result = applyTo(result, operation.op(), path, attribute.getValue(), userId);
            }
        }
        return result;
    }

    private static ScimUserDraft applyTo(ScimUserDraft draft, ScimPatchOperation.Op op, String path, JsonNode value,
            String userId) {
        boolean remove = op == ScimPatchOperation.Op.REMOVE;
        if (isKeptElsewhereOrNotKept(path)) {
            return draft;
        }
        if (path.equals("id") && !remove && value.isString() && value.asString().equals(userId)) {
            // Okta repeats the id inside the value; restating it changes nothing.
            return draft;
        }
        if (READ_ONLY.contains(path) || path.startsWith("meta.") || path.startsWith("groups")) {
            throw ScimException.mutability("\"" + path + "\" is read-only");
        }
        return switch (path) {
            case "active" -> {
                if (remove) {
                    throw ScimException.mutability("\"active\" cannot be removed; set it to true or false");
                }
                yield draft.withActive(ScimValues.bool(value, "active"));
            }
            case "displayname", "name.formatted" -> draft.withName(remove ? "" : ScimValues.string(value, path));
            case "name" -> remove ? draft.withName("")
                    : ScimUserDraft.nameFromNameObject(value).map(draft::withName).orElse(draft);
            case "externalid" -> {
                if (remove) {
                    throw ScimException.mutability("\"externalId\" cannot be removed once set; replace it instead");
                }
                yield draft.withExternalId(ScimValues.string(value, "externalId"));
            }
            case "username" -> {
                if (remove) {
                    throw ScimException.mutability("\"userName\" is required and cannot be removed");
                }
                yield draft.withUserName(ScimValues.string(value, "userName"));
            }
            default -> throw ScimException.invalidPath("no attribute \"" + ScimBodies.shortened(path)
                    + "\" on a User");
        };
    }

    private static boolean isKeptElsewhereOrNotKept(String path) {
        String attribute = path.contains("[") ? path.substring(0, path.indexOf('[')) : path;
        String top = attribute.contains(".") && !attribute.startsWith("name.")
                ? attribute.substring(0, attribute.indexOf('.')) : attribute;
        return NOT_KEPT.contains(top) || path.startsWith(ScimSchemas.ENTERPRISE_USER.toLowerCase(Locale.ROOT));
    }
}
