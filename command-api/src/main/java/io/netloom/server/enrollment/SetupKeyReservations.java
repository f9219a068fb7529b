package io.netloom.server.enrollment;

import io.netloom.domain.ids.SetupKeyId;
import io.netloom.projections.directory.AccountRecords;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Counts enrollments in flight per setup key, so that the usage limit holds while many devices
 * enroll with one key in parallel. A use is released only after its enrollment has committed and
 * the read model counts it, so the count can briefly be one too high but never too low.
 */
@Component
public class SetupKeyReservations {

    private final ConcurrentMap<SetupKeyId, Integer> inFlight = new ConcurrentHashMap<>();

    public void reserve(AccountRecords records, SetupKeyId key, Instant now) {
        inFlight.compute(key, (id, pending) -> {
            int uses = pending == null ? 0 : pending;
            records.setupKey(id)
                    .orElseThrow(InvalidSetupKeyException::new)
                    .usage()
                    .requireUsableAt(now, uses);
            return uses + 1;
        });
    }

    public void release(SetupKeyId key) {
        inFlight.computeIfPresent(key, (id, pending) -> pending <= 1 ? null : pending - 1);
    }
}
