package io.netloom.server.directorysync;

import java.util.List;

/**
 * A person as the upstream directory lists them.
 *
 * @param id the provider's subject for the person (Keycloak's user id, the {@code sub} of their tokens)
 * @param groups the names of the groups the person is directly a member of, as a groups claim would carry them
 */
public record DirectoryPerson(String id, boolean enabled, List<String> groups) {

    public DirectoryPerson {
        groups = List.copyOf(groups);
    }
}
