package io.netloom.server.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 7643 §6 and §7 documents of the User and Group resources, listing only the attributes Netloom keeps. */
final class ScimSchemaDocuments {

    private ScimSchemaDocuments() {
    }

    static Map<String, Object> userType(ScimRepresentations representations) {
        return resourceType("User", "/Users", ScimSchemas.USER, "A person of the account", representations,
                List.of(Map.of("schema", ScimSchemas.ENTERPRISE_USER, "required", false)));
    }

    static Map<String, Object> groupType(ScimRepresentations representations) {
        return resourceType("Group", "/Groups", ScimSchemas.GROUP, "A Netloom group; members are users",
                representations, List.of());
    }

    static Map<String, Object> userSchema(ScimRepresentations representations) {
        return schema(ScimSchemas.USER, "User", List.of(
                attribute("userName", "string", true, "readWrite", "server", "The person's email; cannot change"),
                attribute("externalId", "string", false, "readWrite", "none", "The client's id for the person"),
                attribute("displayName", "string", false, "readWrite", "none", "The person's name"),
                complex("name", List.of(attribute("formatted", "string", false, "readWrite", "none",
                        "The person's name"))),
                attribute("active", "boolean", false, "readWrite", "none",
                        "false blocks the person: every peer of theirs loses access"),
                attribute("groups", "complex", false, "readOnly", "none", "The person's groups")),
                representations);
    }

    static Map<String, Object> groupSchema(ScimRepresentations representations) {
        return schema(ScimSchemas.GROUP, "Group", List.of(
                attribute("displayName", "string", true, "readWrite", "server", "The group's unique name"),
                attribute("externalId", "string", false, "readWrite", "none", "The client's id for the group"),
                attribute("members", "complex", false, "readWrite", "none", "The users in the group")),
                representations);
    }

    private static Map<String, Object> resourceType(String name, String endpoint, String schema, String description,
            ScimRepresentations representations, List<Map<String, Object>> extensions) {
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("schemas", List.of(ScimSchemas.RESOURCE_TYPE));
        type.put("id", name);
        type.put("name", name);
        type.put("endpoint", endpoint);
        type.put("description", description);
        type.put("schema", schema);
        type.put("schemaExtensions", extensions);
        type.put("meta", Map.of("resourceType", "ResourceType", "location",
                representations.location("ResourceTypes", name)));
        return type;
    }

    private static Map<String, Object> schema(String id, String name, List<Map<String, Object>> attributes,
            ScimRepresentations representations) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("schemas", List.of(ScimSchemas.SCHEMA));
        schema.put("id", id);
        schema.put("name", name);
        schema.put("attributes", attributes);
        schema.put("meta", Map.of("resourceType", "Schema", "location", representations.location("Schemas", id)));
        return schema;
    }

    private static Map<String, Object> attribute(String name, String type, boolean required, String mutability,
            String uniqueness, String description) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("name", name);
        attribute.put("type", type);
        attribute.put("multiValued", type.equals("complex") && !name.equals("name"));
        attribute.put("description", description);
        attribute.put("required", required);
        attribute.put("caseExact", false);
        attribute.put("mutability", mutability);
        attribute.put("returned", "default");
        attribute.put("uniqueness", uniqueness);
        return attribute;
    }

    private static Map<String, Object> complex(String name, List<Map<String, Object>> subAttributes) {
        Map<String, Object> attribute = attribute(name, "complex", false, "readWrite", "none", "The person's name");
        attribute.put("subAttributes", subAttributes);
        return attribute;
    }
}
