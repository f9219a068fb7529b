package io.netloom.server.scim;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Applies PATCH operations to a group's draft: members added and removed (as a list, or Entra ID's and Okta's
 * {@code members[value eq "<id>"]} path), {@code displayName} and {@code externalId} replaced, with or without a
 * path. {@code id} and {@code meta} are read-only.
 */
final class ScimGroupPatch {

    private static final Pattern MEMBER_PATH = Pattern.compile("members\\[\\s*value\\s+eq\\s+\"([^\"]*)\"\\s*]");

    private ScimGroupPatch() {
    }

    static ScimGroupDraft apply(ScimGroupDraft draft, List<ScimPatchOperation> operations, String groupId) {
        ScimGroupDraft result = draft;
        for (ScimPatchOperation operation : operations) {
            if (operation.path().isPresent()) {
                result = applyTo(result, operation.op(), operation.path().get(), operation.value(), groupId);
                continue;
            }
            for (Map.Entry<String, JsonNode> attribute : operation.value().properties()) {
                result = applyTo(result, operation.op(),
                        ScimPatchOperation.withoutSchema(attribute.getKey(), ScimSchemas.GROUP), attribute.getValue(),
                        groupId);
            }
        }
        return result;
    }

    private static ScimGroupDraft applyTo(ScimGroupDraft draft, ScimPatchOperation.Op op, String path, JsonNode value,
            String groupId) {
        boolean remove = op == ScimPatchOperation.Op.REMOVE;
        Matcher member = MEMBER_PATH.matcher(path);
        if (member.matches()) {
            if (!remove) {
                throw ScimException.invalidPath("a members[value eq ...] path can only be removed");
            }
            Set<String> members = new LinkedHashSet<>(draft.currentMembers());
            members.remove(member.group(1));
            return draft.withMembers(members);
        }
        if (path.equals("id") && !remove && value.isString() && value.asString().equals(groupId)) {
            return draft;
        }
        return switch (path) {
            case "id", "meta", "schemas" -> throw ScimException.mutability("\"" + path + "\" is read-only");
            case "displayname" -> {
                if (remove) {
                    throw ScimException.mutability("\"displayName\" is required and cannot be removed");
                }
                yield draft.withDisplayName(ScimValues.string(value, "displayName"));
            }
            case "externalid" -> {
                if (remove) {
                    throw ScimException.mutability("\"externalId\" cannot be removed once set; replace it instead");
                }
                yield draft.withExternalId(ScimValues.string(value, "externalId"));
            }
            case "members" -> draft.withMembers(members(draft, op, value));
            default -> throw ScimException.invalidPath("no attribute \"" + ScimBodies.shortened(path)
                    + "\" on a Group");
        };
    }

    private static Set<String> members(ScimGroupDraft draft, ScimPatchOperation.Op op, JsonNode value) {
        Set<String> members = new LinkedHashSet<>(draft.currentMembers());
        switch (op) {
            case ADD -> members.addAll(ScimGroupDraft.memberIds(value));
            case REPLACE -> {
                members.clear();
                members.addAll(ScimGroupDraft.memberIds(value));
            }
            case REMOVE -> {
                if (value == null || value.isNull()) {
                    members.clear();
                } else {
                    members.removeAll(ScimGroupDraft.memberIds(value));
                }
            }
        }
        return members;
    }
}
