package io.netloom.server.directorysync;

import java.util.Set;

/** An upstream directory the sync reads (Keycloak's admin API, ADR 0028), so that the reconciliation stays pure. */
public interface DirectorySource extends AutoCloseable {

    /**
     * Everyone in the directory. Each of {@code linkedSubjects} that still exists must be in the snapshot even if a
     * listing that changed while it was paged missed them: absence means deletion, and deletion blocks a person.
     *
     * @param withGroups whether to read the people's groups too (only needed when the account syncs them)
     * @throws DirectoryUnavailableException when the directory could not be read completely
     */
    DirectorySnapshot read(Set<String> linkedSubjects, boolean withGroups) throws DirectoryUnavailableException;

    @Override
    void close();
}
