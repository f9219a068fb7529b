package io.netloom.domain.network;

import io.netloom.domain.common.Names;
import io.netloom.domain.common.Required;
import io.netloom.domain.common.StableSets;
import io.netloom.domain.common.Texts;
import io.netloom.domain.ids.GroupId;
import java.util.Set;

/**
 * Everything an admin sets on a network resource, as NetBird's NetworkResourceRequest has it. The resource's
 * {@code groups} are what policies target: a resource in no group of an enabled policy is reachable by nobody.
 */
public record ResourceDefinition(
        String name, String description, ResourceAddress address, Set<GroupId> groups, boolean enabled) {

    public ResourceDefinition {
        name = Names.requireValid(name, "resource name");
        description = Texts.optional(description, "resource description", NetworkDetails.MAX_DESCRIPTION_LENGTH);
        Required.present(address, "address");
        groups = StableSets.copyOf(groups, "groups");
    }
}
