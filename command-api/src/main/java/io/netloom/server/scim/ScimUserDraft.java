package io.netloom.server.scim;

import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.UserView;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A user as the SCIM client wants it: what a POST or PUT body says, or what a PATCH leaves. Netloom keeps one name
 * per person: {@code displayName}, else {@code name.formatted}, else given and family name. An absent name,
 * external id or {@code active} leaves the user's as it is.
 */
record ScimUserDraft(String userName, Optional<String> name, Optional<String> externalId, Optional<Boolean> active) {

    static ScimUserDraft fromResource(JsonNode body) {
        String userName = ScimValues.optionalString(body.get("userName"), "userName").filter(name -> !name.isBlank())
                .orElseThrow(() -> ScimException.invalidValue("\"userName\" is required: the person's email"));
        Optional<Boolean> active = Optional.ofNullable(body.get("active")).filter(value -> !value.isNull())
                .map(value -> ScimValues.bool(value, "active"));
        return new ScimUserDraft(userName, nameIn(body),
                ScimValues.optionalString(body.get("externalId"), "externalId"), active);
    }

    static ScimUserDraft of(AccountRecords records, UserView user) {
        return new ScimUserDraft(user.email(), Optional.of(user.name()), records.externalIdOf(user.id()),
                Optional.of(!user.blocked()));
    }

    /** The one name a resource gives the person, if it gives any. */
    static Optional<String> nameIn(JsonNode resource) {
        Optional<String> displayName = ScimValues.optionalString(resource.get("displayName"), "displayName");
        if (displayName.isPresent()) {
            return displayName;
        }
        return nameFromNameObject(resource.get("name"));
    }

    static Optional<String> nameFromNameObject(JsonNode name) {
        if (name == null || name.isNull()) {
            return Optional.empty();
        }
        if (!name.isObject()) {
            throw ScimException.invalidValue("\"name\" must be an object");
        }
        Optional<String> formatted = ScimValues.optionalString(name.get("formatted"), "name.formatted");
        if (formatted.isPresent()) {
            return formatted;
        }
        String given = ScimValues.optionalString(name.get("givenName"), "name.givenName").orElse("");
        String family = ScimValues.optionalString(name.get("familyName"), "name.familyName").orElse("");
        String joined = (given + " " + family).strip();
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    ScimUserDraft withUserName(String newUserName) {
        return new ScimUserDraft(newUserName, name, externalId, active);
    }

    ScimUserDraft withName(String newName) {
        return new ScimUserDraft(userName, Optional.of(newName), externalId, active);
    }

    ScimUserDraft withExternalId(String newExternalId) {
        return new ScimUserDraft(userName, name, Optional.of(newExternalId), active);
    }

    ScimUserDraft withActive(boolean newActive) {
        return new ScimUserDraft(userName, name, externalId, Optional.of(newActive));
    }
}
