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

/** SCIM 2.0 Users (RFC 7644 §3): joiners, movers and leavers pushed by the account's identity provider. */
@RestController
@RequestMapping(ScimMedia.BASE_PATH + "/Users")
@Tag(name = "SCIM",
        description = "SCIM 2.0 provisioning (RFC 7643, RFC 7644) with 'Authorization: Bearer <SCIM token>'")
public class ScimUsersController {

    private final ScimUsers users;

    public ScimUsersController(ScimUsers users) {
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "List users", description = "Filters: userName eq \"...\" and externalId eq \"...\"")
    public ResponseEntity<Object> list(@AuthenticationPrincipal ScimClient client,
            @RequestParam(name = "filter", required = false) String filter,
            @RequestParam(name = "startIndex", required = false) String startIndex,
            @RequestParam(name = "count", required = false) String count,
            @RequestParam(name = "attributes", required = false) String attributes,
            @RequestParam(name = "excludedAttributes", required = false) String excludedAttributes) {
        ScimAttributes wanted = ScimAttributes.of(attributes, excludedAttributes);
        ScimPage page = ScimPage.of(startIndex, count);
        return ScimResponses.ok(page.listResponse(users.list(client,
                ScimFilter.parse(filter, ScimUsers.FILTERABLE, ScimSchemas.USER)).stream()
                .map(wanted::applyTo).toList()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a user")
    public ResponseEntity<Object> get(@AuthenticationPrincipal ScimClient client, @PathVariable String id,
            @RequestParam(name = "attributes", required = false) String attributes,
            @RequestParam(name = "excludedAttributes", required = false) String excludedAttributes) {
        return ScimResponses.ok(ScimAttributes.of(attributes, excludedAttributes).applyTo(users.get(client, id)));
    }

    @PostMapping
    @Operation(summary = "Create a user", description = "userName is the person's email; role user, issued integration")
    public ResponseEntity<Object> create(@AuthenticationPrincipal ScimClient client,
            @Parameter(hidden = true) @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) String body) {
        return ScimResponses.created(users.create(client,
                ScimUserDraft.fromResource(ScimBodies.read(contentType, body, ScimSchemas.USER_BODY))));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a user", description = "active false blocks the person and cuts all their peers")
    public ResponseEntity<Object> replace(@AuthenticationPrincipal ScimClient client, @PathVariable String id,
            @Parameter(hidden = true) @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) String body) {
        return ScimResponses.ok(users.replace(client, id,
                ScimUserDraft.fromResource(ScimBodies.read(contentType, body, ScimSchemas.USER_BODY))));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Patch a user", description = "RFC 7644 §3.5.2 add, replace and remove")
    public ResponseEntity<Object> patch(@AuthenticationPrincipal ScimClient client, @PathVariable String id,
            @Parameter(hidden = true) @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) String body) {
        return ScimResponses.ok(users.patch(client, id, ScimPatchOperation.listFrom(
                ScimBodies.read(contentType, body, ScimSchemas.PATCH_BODY), ScimSchemas.USER)));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a user", description = "Deletes the person; their peers lose access at once")
    public ResponseEntity<Object> delete(@AuthenticationPrincipal ScimClient client, @PathVariable String id) {
        users.delete(client, id);
        return ScimResponses.noContent();
    }
}
