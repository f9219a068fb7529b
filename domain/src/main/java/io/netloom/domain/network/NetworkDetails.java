package io.netloom.domain.network;

import io.netloom.domain.common.Names;
import io.netloom.domain.common.Texts;

/** What an admin sets on a network itself, as NetBird's NetworkRequest has it. PUT replaces both. */
public record NetworkDetails(String name, String description) {

    /** The limit descriptions have elsewhere (policies, routes); NetBird's schema sets none. */
    public static final int MAX_DESCRIPTION_LENGTH = 1024;

    public NetworkDetails {
        name = Names.requireValid(name, "network name");
        description = Texts.optional(description, "network description", MAX_DESCRIPTION_LENGTH);
    }
}
