package io.netloom.server.scim;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a SCIM client asks before it provisions (RFC 7644 §4): what this service provider supports, its resource
 * types and their schemas. Any other path under /scim/v2 is answered with SCIM's 404, not the API's.
 */
@RestController
@RequestMapping(ScimMedia.BASE_PATH)
@Tag(name = "SCIM")
public class ScimDiscoveryController {

    private final ScimRepresentations representations;

    public ScimDiscoveryController(ScimRepresentations representations) {
        this.representations = representations;
    }

    @GetMapping("/ServiceProviderConfig")
    @Operation(summary = "What this SCIM service provider supports")
    public ResponseEntity<Object> serviceProviderConfig() {
        return ScimResponses.ok(Map.of(
                "schemas", List.of(ScimSchemas.SERVICE_PROVIDER_CONFIG),
                "patch", Map.of("supported", true),
                "bulk", Map.of("supported", false, "maxOperations", 0, "maxPayloadSize", 0),
                "filter", Map.of("supported", true, "maxResults", ScimPage.MAX_RESULTS),
                "changePassword", Map.of("supported", false),
                "sort", Map.of("supported", false),
                "etag", Map.of("supported", false),
                "authenticationSchemes", List.of(Map.of(
                        "type", "oauthbearertoken",
                        "name", "OAuth Bearer Token",
                        "description", "A SCIM token an owner or admin created with POST /api/netloom/scim-tokens",
                        "primary", true)),
                "meta", Map.of("resourceType", "ServiceProviderConfig",
                        "location", representations.location("ServiceProviderConfig", "").replaceAll("/$", ""))));
    }

    @GetMapping("/ResourceTypes")
    @Operation(summary = "The resource types: User and Group")
    public ResponseEntity<Object> resourceTypes() {
        List<Map<String, Object>> types = List.of(ScimSchemaDocuments.userType(representations),
                ScimSchemaDocuments.groupType(representations));
        return ScimResponses.ok(new ScimPage(1, types.size()).listResponse(types));
    }

    @GetMapping("/ResourceTypes/{name}")
    @Operation(summary = "One resource type")
    public ResponseEntity<Object> resourceType(@PathVariable String name) {
        return switch (name) {
            case "User" -> ScimResponses.ok(ScimSchemaDocuments.userType(representations));
            case "Group" -> ScimResponses.ok(ScimSchemaDocuments.groupType(representations));
            default -> throw ScimException.notFound("no resource type " + ScimBodies.shortened(name));
        };
    }

    @GetMapping("/Schemas")
    @Operation(summary = "The schemas of User and Group, with the attributes Netloom keeps")
    public ResponseEntity<Object> schemas() {
        List<Map<String, Object>> schemas = List.of(ScimSchemaDocuments.userSchema(representations),
                ScimSchemaDocuments.groupSchema(representations));
        return ScimResponses.ok(new ScimPage(1, schemas.size()).listResponse(schemas));
    }

    @GetMapping("/Schemas/{urn}")
    @Operation(summary = "One schema")
    public ResponseEntity<Object> schema(@PathVariable String urn) {
        if (urn.equals(ScimSchemas.USER)) {
            return ScimResponses.ok(ScimSchemaDocuments.userSchema(representations));
        }
        if (urn.equals(ScimSchemas.GROUP)) {
            return ScimResponses.ok(ScimSchemaDocuments.groupSchema(representations));
        }
        throw ScimException.notFound("no schema " + ScimBodies.shortened(urn));
    }

    /** Bulk, /Me, /.search and typos: SCIM's 404 in SCIM's format. */
    @RequestMapping({"", "/**"})
    @Operation(hidden = true)
    public ResponseEntity<Object> unknown() {
        throw ScimException.notFound("no such SCIM endpoint; this server offers /Users, /Groups,"
                + " /ServiceProviderConfig, /ResourceTypes and /Schemas");
    }
}
