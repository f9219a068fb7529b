package io.netloom.projections.directory;

import java.time.Instant;

/** When a user or group was created and last changed, as a SCIM client's {@code meta} reports them. */
public record ResourceTimes(Instant created, Instant lastModified) {

    ResourceTimes touched(Instant at) {
        return new ResourceTimes(created, at.isAfter(lastModified) ? at : lastModified);
    }
}
