package io.netloom.server.audit.history;

import io.netloom.api.netbird.GroupRequest;
import io.netloom.api.netbird.PolicyRequest;
import io.netloom.api.netbird.RouteRequest;
import io.netloom.api.netbird.UserRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One change of a dry run, in the body the real endpoint takes: {@code op} says which, {@code id} names what it
 * changes (all but the two creates), and the one body field of its kind holds NetBird's request.
 */
@Schema(description = "One proposed change. create_policy {policy}; update_policy {id, policy}; delete_policy {id};"
        + " update_group {id, group} (membership; the body of PUT /api/groups/{id}); create_route {route};"
        + " update_route {id, route}; delete_route {id}; update_user {id, user} (is_blocked blocks or unblocks;"
        + " the body of PUT /api/users/{id}).")
public record ProposedChange(
        @Schema(allowableValues = {"create_policy", "update_policy", "delete_policy", "update_group",
                "create_route", "update_route", "delete_route", "update_user"}) String op,
        @Schema(description = "the policy, group, route or user changed; not for the creates") String id,
        @Schema(description = "the body of POST /api/policies or PUT /api/policies/{id}") PolicyRequest policy,
        @Schema(description = "the body of PUT /api/groups/{id}") GroupRequest group,
        @Schema(description = "the body of POST /api/routes or PUT /api/routes/{id}") RouteRequest route,
        @Schema(description = "the body of PUT /api/users/{id}") UserRequest user) {
}
