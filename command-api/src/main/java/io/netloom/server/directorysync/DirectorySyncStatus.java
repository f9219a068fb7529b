package io.netloom.server.directorysync;

import io.netloom.domain.ids.AccountId;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** The last run's outcome of each provider's directory sync, for admins. */
@Component
public class DirectorySyncStatus {

    private final ConcurrentMap<String, DirectorySyncOutcome> last = new ConcurrentHashMap<>();

    void record(DirectorySyncOutcome outcome) {
        last.put(outcome.provider(), outcome);
    }

    /** The outcomes of the providers whose people join that account, by provider id. */
    public List<DirectorySyncOutcome> of(AccountId accountId) {
        return last.values().stream()
                .filter(outcome -> accountId.equals(outcome.accountId()))
                .sorted(Comparator.comparing(DirectorySyncOutcome::provider))
                .toList();
    }
}
