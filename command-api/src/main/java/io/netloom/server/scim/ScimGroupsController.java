package io.netloom.server.scim;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** SCIM 2.0 Groups (RFC 7644 §3): membership moves a person and all their peers, as a JWT group sync. */
@RestController
@RequestMapping(ScimMedia.BASE_PATH + "/Groups")
@Tag(name = "SCIM")
public class ScimGroupsController {

    private final ScimGroups groups;

    public ScimGroupsController(ScimGroups groups) {
        this.groups = groups;
    }

    @GetMapping
    @Operation(summary = "List groups", description = "Filters: displayName eq \"...\" and externalId eq \"...\"")
    public ResponseEntity<Object> list(@AuthenticationPrincipal ScimClient client,
            @RequestParam(name = "filter", required = false) String filter,
            @RequestParam(name = "startIndex", required = false) String startIndex,
            @RequestParam(name = "count", required = false) String count,
            @RequestParam(name = "attributes", required = false) String attributes,
            @RequestParam(name = "excludedAttributes", required = false) String excludedAttributes) {
        ScimAttributes wanted = ScimAttributes.of(attributes, excludedAttributes);
        ScimPage page = ScimPage.of(startIndex, count);
        return ScimResponses.ok(page.listResponse(groups.list(client,
                ScimFilter.parse(filter, ScimGroups.FILTERABLE, ScimSchemas.GROUP)).stream()
                .map(wanted::applyTo).toList()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a group")
    public ResponseEntity<Object> get(@AuthenticationPrincipal ScimClient client, @PathVariable String id,
            @RequestParam(name = "attributes", required = false) String attributes,
            @RequestParam(name = "excludedAttributes", required = false) String excludedAttributes) {
        return ScimResponses.ok(ScimAttributes.of(attributes, excludedAttributes).applyTo(groups.get(client, id)));
    }

    @PostMapping
    @Operation(summary = "Create a group", description = "issued integration; members are user ids")
    public ResponseEntity<Object> create(@AuthenticationPrincipal ScimClient client,
            @Parameter(hidden = true) @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) String body) {
        return ScimResponses.created(groups.create(client,
                ScimGroupDraft.fromResource(ScimBodies.read(contentType, body, ScimSchemas.GROUP_BODY))));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a group", description = "without members the membership stays as it is")
    public ResponseEntity<Object> replace(@AuthenticationPrincipal ScimClient client, @PathVariable String id,
            @Parameter(hidden = true) @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) String body) {
        return ScimResponses.ok(groups.replace(client, id,
                ScimGroupDraft.fromResource(ScimBodies.read(contentType, body, ScimSchemas.GROUP_BODY))));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Patch a group", description = "members add/remove, members[value eq \"id\"], displayName")
    public ResponseEntity<Object> patch(@AuthenticationPrincipal ScimClient client, @PathVariable String id,
            @Parameter(hidden = true) @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) String body) {
        return ScimResponses.ok(groups.patch(client, id, ScimPatchOperation.listFrom(
                ScimBodies.read(contentType, body, ScimSchemas.PATCH_BODY), ScimSchemas.GROUP)));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a group",
            description = "members leave it first; refused while a policy or setup key uses it")
    public ResponseEntity<Object> delete(@AuthenticationPrincipal ScimClient client, @PathVariable String id) {
        groups.delete(client, id);
        return ScimResponses.noContent();
    }
}
