package io.netloom.server.scim;

import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.GroupView;
import io.netloom.projections.directory.UserView;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A group as the SCIM client wants it. Members are user ids as the client sends them; absent members (a PUT
 * without {@code members}) leave the membership as it is, an empty list empties it.
 */
record ScimGroupDraft(String displayName, Optional<String> externalId, Optional<Set<String>> members) {

    static ScimGroupDraft fromResource(JsonNode body) {
        String displayName = ScimValues.optionalString(body.get("displayName"), "displayName")
                .orElseThrow(() -> ScimException.invalidValue("\"displayName\" is required"));
        JsonNode members = body.get("members");
        return new ScimGroupDraft(displayName, ScimValues.optionalString(body.get("externalId"), "externalId"),
                members == null || members.isNull() ? Optional.empty() : Optional.of(memberIds(members)));
    }

    static ScimGroupDraft of(AccountRecords records, GroupView group) {
        Set<String> members = new LinkedHashSet<>();
        ScimRepresentations.membersOf(records, group.id()).stream().map(UserView::id)
                .forEach(id -> members.add(id.value()));
        return new ScimGroupDraft(group.name(), records.externalIdOf(group.id()), Optional.of(members));
    }

    /** {@code [{"value": "<user id>"}, ...]}. */
    static Set<String> memberIds(JsonNode members) {
        if (!members.isArray()) {
            throw ScimException.invalidValue("\"members\" must be an array of {\"value\": \"<user id>\"}");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode member : members) {
            if (!member.isObject()) {
                throw ScimException.invalidValue("each member must be an object {\"value\": \"<user id>\"}");
            }
            ids.add(ScimValues.string(member.get("value"), "members.value"));
        }
        return ids;
    }

    ScimGroupDraft withDisplayName(String newName) {
        return new ScimGroupDraft(newName, externalId, members);
    }

    ScimGroupDraft withExternalId(String newExternalId) {
        return new ScimGroupDraft(displayName, Optional.of(newExternalId), members);
    }

    ScimGroupDraft withMembers(Set<String> newMembers) {
        return new ScimGroupDraft(displayName, externalId, Optional.of(Set.copyOf(newMembers)));
    }

    Set<String> currentMembers() {
        return members.orElse(Set.of());
    }
}
