package io.netloom.server.directorysync;

import java.util.Set;

/** An upstream directory the sync reads (Keycloak's admin API, ADR 0028), so that the reconciliation stays pure. */
public interface DirectorySource extends AutoCloseable {

    /**
     * Everyone in the directory. Each of {@code linkedSubjects} that still exists must be in the snapshot even if a
     * listing that changed while it was paged missed them: absence means deletion, and deletion blocks a person.
     *
     * @throws DirectoryUnavailableException when the directory could not be read completely
     */
    DirectorySnapshot read(Set<String> linkedSubjects) throws DirectoryUnavailableException;

    @Override
    void close();
}
