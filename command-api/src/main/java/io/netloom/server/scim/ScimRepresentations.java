package io.netloom.server.scim;

import io.netloom.domain.ids.GroupId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.GroupView;
import io.netloom.projections.directory.ResourceTimes;
import io.netloom.projections.directory.UserView;
import io.netloom.server.security.IssuerUrl;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Netloom's users and groups as SCIM resources. A user's {@code userName} is their email, {@code active} is "not
 * blocked", {@code groups} are their auto-groups; a group's {@code members} are the users whose auto-groups hold it.
 */
@Component
class ScimRepresentations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String baseUrl;

    ScimRepresentations(IssuerUrl issuer) {
        this.baseUrl = issuer.value() + ScimMedia.BASE_PATH;
    }

    ObjectNode user(AccountRecords records, UserView user) {
        ObjectNode node = NODES.objectNode();
        node.putArray("schemas").add(ScimSchemas.USER);
        node.put("id", user.id().value());
        records.externalIdOf(user.id()).ifPresent(externalId -> node.put("externalId", externalId));
        node.put("userName", user.email());
        if (!user.name().isEmpty()) {
            node.putObject("name").put("formatted", user.name());
            node.put("displayName", user.name());
        }
        node.putArray("emails").addObject().put("value", user.email()).put("type", "work").put("primary", true);
        node.put("active", !user.blocked());
        ArrayNode groups = node.putArray("groups");
        for (GroupId id : user.autoGroups()) {
            // The summary, not the group: a user's groups are listed without copying their members.
            records.groupSummary(id).filter(group -> !group.builtIn()).ifPresent(group -> groups.addObject()
                    .put("value", group.id().value())
                    .put("$ref", location("Groups", group.id().value()))
                    .put("display", group.name())
                    .put("type", "direct"));
        }
        node.set("meta", meta("User", user.id().value(),
                records.timesOf(user.id().value()).orElse(new ResourceTimes(user.createdAt(), user.createdAt()))));
        return node;
    }

    ObjectNode group(AccountRecords records, GroupView group) {
        ObjectNode node = NODES.objectNode();
        node.putArray("schemas").add(ScimSchemas.GROUP);
        node.put("id", group.id().value());
        records.externalIdOf(group.id()).ifPresent(externalId -> node.put("externalId", externalId));
        node.put("displayName", group.name());
        ArrayNode members = node.putArray("members");
        for (UserView member : membersOf(records, group.id())) {
            members.addObject()
                    .put("value", member.id().value())
                    .put("$ref", location("Users", member.id().value()))
                    .put("display", member.email())
                    .put("type", "User");
        }
        ResourceTimes created = new ResourceTimes(records.account().createdAt(), records.account().createdAt());
        node.set("meta", meta("Group", group.id().value(), records.timesOf(group.id().value()).orElse(created)));
        return node;
    }

    /** The SCIM users (people, never service users) whose auto-groups hold the group. */
    static List<UserView> membersOf(AccountRecords records, GroupId group) {
        return records.users().stream().filter(user -> !user.serviceUser() && user.autoGroups().contains(group))
                .toList();
    }

    String location(String resourceType, String id) {
        return baseUrl + "/" + resourceType + "/" + id;
    }

    private ObjectNode meta(String resourceType, String id, ResourceTimes times) {
        ObjectNode meta = NODES.objectNode();
        meta.put("resourceType", resourceType);
        meta.put("created", times.created().toString());
        meta.put("lastModified", times.lastModified().toString());
        meta.put("location", location(resourceType + "s", id));
        return meta;
    }
}
